package io.keel.app.daemon;

import com.lmax.disruptor.RingBuffer;
import io.keel.config.LoadedConfig;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.Event;
import io.keel.core.event.EventTranslators;
import io.keel.core.event.OperatorCommand;
import io.keel.risk.AuditLog;
import io.keel.risk.KillSwitchLatch;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How operators and watchdogs reach a running daemon: commands and live configuration changes are published into
 * the inbound ring (journaled, so a replay applies them at the same point), stamped with the market's current event
 * time; an operator's command is audited first and, for a kill or a flatten, latched on disk before it is even
 * queued, so a crash right then cannot lose it.
 *
 * <p>Safe from any thread; {@link #open} and {@link #close} from the daemon's main thread.
 */
final class CommandInbox
{
    private final LoadedConfig loaded;
    private final Path stateDir;
    private volatile RingBuffer<Event> ring;
    private volatile LongSupplier eventClock;
    private volatile AuditLog audit;
    private volatile KillSwitchLatch latch;

    /** @param stateDir the state directory (audit log, latch), or null when the run keeps none. */
    CommandInbox(final LoadedConfig loaded, final Path stateDir)
    {
        this.loaded = loaded;
        this.stateDir = stateDir;
    }

    /** The audit log and latch of the run (null without a state directory). */
    void state(final AuditLog log, final KillSwitchLatch runLatch)
    {
        this.audit = log;
        this.latch = runLatch;
    }

    /** The run is up: commands go to {@code inbound}, stamped by {@code clock} (event time of the market). */
    void open(final RingBuffer<Event> inbound, final LongSupplier clock)
    {
        this.ring = inbound;
        this.eventClock = clock;
    }

    /** @return true once the run is up. */
    boolean isOpen()
    {
        return eventClock != null;
    }

    /** @return the market's current event time (0 before the run is up). */
    long nowNs()
    {
        final LongSupplier clock = eventClock;
        return clock == null ? 0 : clock.getAsLong();
    }

    /** @return false when the daemon is not running. */
    boolean command(final OperatorCommand command, final int instrumentId, final long clientOrderId)
    {
        final LongSupplier clock = eventClock;
        final RingBuffer<Event> inbound = ring;
        if (clock == null || inbound == null)
        {
            return false;
        }
        final Event event = new Event().operatorCommand(clock.getAsLong(), command, instrumentId);
        event.clientOrderId = clientOrderId;
        EventTranslators.publish(inbound, event);
        return true;
    }

    /** An operator's command, audited (and a kill or flatten latched) before it is queued. */
    boolean command(final OperatorCommand command, final int instrumentId, final long clientOrderId,
        final String who, final String reason)
    {
        final AuditLog log = audit;
        if (log != null)
        {
            log.record(nowNs(), who, "requested " + command + (instrumentId >= 0 ? " " +
                loaded.instruments().get(instrumentId).symbol() : "") + (clientOrderId > 0 ? " order " +
                clientOrderId : ""), reason);
        }
        final KillSwitchLatch runLatch = latch;
        if (runLatch != null && (command == OperatorCommand.KILL || command == OperatorCommand.FLATTEN_ALL))
        {
            // fail safe: latched on disk before it is even queued, so a crash right now cannot lose the request
            runLatch.engage(who + ": " + reason);
        }
        return command(command, instrumentId, clientOrderId);
    }

    /** @return false when the daemon is not running. */
    boolean configChange(final ConfigKey key, final int target, final long value)
    {
        final LongSupplier clock = eventClock;
        final RingBuffer<Event> inbound = ring;
        if (clock == null || inbound == null)
        {
            return false;
        }
        EventTranslators.publish(inbound, new Event().configChange(clock.getAsLong(), key, target, value));
        return true;
    }

    /** An operator's action that is not a journaled command, to the audit log (opened for it when not running). */
    void audit(final String who, final String what, final String reason)
    {
        final AuditLog log = audit;
        if (log != null)
        {
            log.record(nowNs(), who, what, reason);
        }
        else if (stateDir != null)
        {
            final AuditLog once = AuditLog.open(stateDir, java.time.Clock.systemUTC());
            once.record(0, who, what, reason);
            once.close();
        }
    }
}
