package io.keel.engine;

import io.keel.core.InstrumentSpec;
import io.keel.core.SessionTracker;
import io.keel.core.TradingCalendar;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OperatorCommand;
import io.keel.execution.OrderDesk;
import io.keel.risk.PreTradeRisk;

import java.util.Arrays;
import java.util.List;

/**
 * The decision chain's close-out stage: the operator's commands and the kill switch's engagements (cancels, which
 * instruments must be flattened: flatten-all, a close, a kill when {@code risk.flattenOnKill}), each instrument's
 * trading session, and the window before an intraday book's close ({@code execution.flatBeforeCloseMs}) in which
 * nothing new opens and what is held is closed.
 *
 * <p>Single-threaded (the decision thread); allocation-free.
 */
final class CloseOut
{
    private final SessionTracker[] sessions;
    private final boolean[] pending;
    private final boolean flattenOnKill;
    private final long flatBeforeCloseNs;
    private boolean killHandled;
    private long flattenOrders;

    /**
     * @param flattenOnKill     flatten every position when the kill switch engages.
     * @param flatBeforeCloseNs close out this long before each session's end (0: never).
     * @param extendedHours     sessions include pre- and post-market hours.
     */
    CloseOut(final List<InstrumentSpec> instruments, final boolean flattenOnKill, final long flatBeforeCloseNs,
        final boolean extendedHours)
    {
        this.sessions = new SessionTracker[instruments.size()];
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = new SessionTracker(TradingCalendar.of(instruments.get(i).calendarId()), extendedHours);
        }
        this.pending = new boolean[instruments.size()];
        this.flattenOnKill = flattenOnKill;
        this.flatBeforeCloseNs = flatBeforeCloseNs;
    }

    /** @return the instant a trigger counts in: a bar is stamped at its end and belongs to its last instant. */
    private static long sessionNs(final Event trigger)
    {
        return trigger.type == EventType.BAR ? trigger.timestampNs - 1 : trigger.timestampNs;
    }

    /**
     * @return true inside the close-out window before the session's end: no new position, working orders canceled
     *     (a bar ending as the window opens already counts: nothing is opened to be closed a moment later).
     */
    boolean closing(final int id, final Event trigger)
    {
        return flatBeforeCloseNs > 0 && sessions[id].isOpen(sessionNs(trigger)) &&
            sessions[id].sessionEndNs() - trigger.timestampNs <= flatBeforeCloseNs;
    }

    /** @return true when the trigger falls inside the instrument's session. */
    boolean inSession(final int id, final Event trigger)
    {
        return sessions[id].isOpen(sessionNs(trigger));
    }

    /** @return whether the instrument's session is open at {@code timestampNs}. */
    boolean sessionOpen(final int id, final long timestampNs)
    {
        return sessions[id].isOpen(timestampNs);
    }

    /** @return true while the instrument must be flattened. */
    boolean pending(final int id)
    {
        return pending[id];
    }

    /** The instrument is flat: nothing more to close. */
    void done(final int id)
    {
        pending[id] = false;
    }

    /** An operator's close of one instrument. */
    void request(final int id)
    {
        pending[id] = true;
    }

    /** Flatten everything (flatten-all). */
    void requestAll()
    {
        Arrays.fill(pending, true);
    }

    /** Nothing to flatten any more (the kill switch was reset). */
    void clearAll()
    {
        Arrays.fill(pending, false);
    }

    /**
     * Acts once on each engagement of the kill switch, whoever engaged it (operator, breaker): cancels every working
     * order and, when {@code risk.flattenOnKill}, flattens everything.
     *
     * @return true when it acted now (a new engagement: every working order was canceled).
     */
    boolean onKillSwitch(final Event cause, final PreTradeRisk risk, final OrderDesk desk)
    {
        final boolean engaged = risk.killSwitchEngaged();
        if (engaged && !killHandled)
        {
            killHandled = true;
            desk.cancelAll(cause);
            if (flattenOnKill)
            {
                requestAll();
            }
            return true;
        }
        if (!engaged)
        {
            killHandled = false;
        }
        return false;
    }

    /**
     * An operator's command: the kill switch (engage, flatten all, reset), cancels (all, one order), stopping new
     * entries, closing one instrument.
     */
    void onCommand(final Event command, final PreTradeRisk risk, final OrderDesk desk)
    {
        final OperatorCommand what = command.command;
        if (what == OperatorCommand.KILL)
        {
            risk.engageKillSwitch("operator: kill switch");
            onKillSwitch(command, risk, desk);
        }
        else if (what == OperatorCommand.FLATTEN_ALL)
        {
            risk.engageKillSwitch("operator: flatten all");
            onKillSwitch(command, risk, desk);
            requestAll();
        }
        else if (what == OperatorCommand.RESET_KILL)
        {
            risk.resetKillSwitch("operator: reset");
            onKillSwitch(command, risk, desk);
            clearAll();
        }
        else if (what == OperatorCommand.CANCEL_ALL || what == OperatorCommand.SHUTDOWN)
        {
            desk.cancelAll(command);
        }
        else if (what == OperatorCommand.STOP_ENTRIES || what == OperatorCommand.RESUME_ENTRIES)
        {
            risk.stopEntries(what == OperatorCommand.STOP_ENTRIES, what == OperatorCommand.STOP_ENTRIES ?
                "operator: stop new entries" : "operator: resume new entries");
        }
        else if (what == OperatorCommand.CANCEL_ORDER)
        {
            desk.cancelOrder(command, command.clientOrderId);
        }
        else if (what == OperatorCommand.CLOSE_POSITION && command.instrumentId >= 0 &&
            command.instrumentId < pending.length)
        {
            desk.cancelInstrument(command, command.instrumentId);
            request(command.instrumentId);
        }
    }

    /** A flatten order was sent. */
    void onFlattenOrder()
    {
        flattenOrders++;
    }

    /** @return market orders sent to flatten positions. */
    long flattenOrders()
    {
        return flattenOrders;
    }
}
