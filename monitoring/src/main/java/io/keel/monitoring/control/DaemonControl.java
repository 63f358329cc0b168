package io.keel.monitoring.control;

import io.keel.config.LoadedConfig;
import io.keel.core.event.OperatorCommand;
import io.keel.core.metrics.MetricBoard;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What the control API and the panel may ask of a running daemon; the daemon runtime ({@code app}) implements it.
 * Every command is published into the daemon's inbound ring (journaled, so a replay applies it at the same point),
 * audited first with who asked and why.
 *
 * <p>Safe to call from any thread (HTTP handlers).
 */
public interface DaemonControl
{
    /**
     * An operator command on behalf of {@code who}, audited before it is queued.
     *
     * @return false when the daemon is not running.
     */
    boolean command(OperatorCommand command, String who, String reason);

    /**
     * An operator command about one instrument ({@code CLOSE_POSITION}) or order ({@code CANCEL_ORDER}).
     *
     * @param instrumentId the instrument, or -1.
     * @param clientOrderId the order, or 0.
     * @return false when the daemon is not running.
     */
    boolean command(OperatorCommand command, int instrumentId, long clientOrderId, String who, String reason);

    /** Writes an operator's action that is not a journaled command (stopping the daemon) to the audit log. */
    void audit(String who, String what, String reason);

    /** Asks the daemon to stop cleanly (its journal closed, open orders canceled). */
    void requestStop();

    /** @return the configuration the daemon runs. */
    LoadedConfig config();

    /** @return the journal directory, or null when the run keeps none. */
    Path journalDirectory();

    /** @return the state directory (latch, audit log, triggers), or null when the run keeps none. */
    Path stateDirectory();

    /** @return inbound events published but not yet journaled and decided. */
    long inboundLag();

    /** @return true when the daemon sends live orders. */
    boolean live();

    /** @return true while the daemon runs. */
    boolean running();

    /** @return whether the kill switch is engaged, as the decision thread last reported it. */
    boolean killSwitchEngaged();

    /**
     * Asks for the run's metric board: when the run starts it is declared and handed to {@code onBoard} (monitoring
     * binds it), before any event is decided.
     *
     * @return this.
     */
    DaemonControl metrics(Consumer<MetricBoard> onBoard);
}
