package io.keel.engine;

import io.keel.core.InstrumentSpec;
import io.keel.core.SessionTracker;
import io.keel.core.TradingCalendar;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;

import java.util.Arrays;
import java.util.List;

/**
 * The decision chain's close-out stage: which instruments must be flattened (an operator's flatten-all or close, a
 * kill switch when {@code risk.flattenOnKill}), each instrument's trading session, and the window before an intraday
 * book's close ({@code execution.flatBeforeCloseMs}) in which nothing new opens and what is held is closed.
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
     * The kill switch as risk now has it.
     *
     * @return true once per engagement (the chain cancels every working order); flattens too when configured.
     */
    boolean onKillSwitch(final boolean engaged)
    {
        if (engaged && !killHandled)
        {
            killHandled = true;
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
