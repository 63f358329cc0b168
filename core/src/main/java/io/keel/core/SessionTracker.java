package io.keel.core;

/**
 * Answers "is the regular session open at this event time?" for one instrument on the hot path: the calendar (which
 * allocates) is consulted only when event time leaves the cached open or closed interval, about twice a day.
 * Single-threaded; event times must be non-decreasing for the cache to help (earlier times are still answered).
 */
public final class SessionTracker
{
    private final TradingCalendar calendar;
    private final boolean alwaysOpen;
    private long fromNs = Long.MAX_VALUE;
    private long untilNs = Long.MIN_VALUE;
    private boolean open;

    /**
     * @param calendar      the instrument's calendar.
     * @param extendedHours true to treat every event as in session (pre- and post-market trading allowed).
     */
    public SessionTracker(final TradingCalendar calendar, final boolean extendedHours)
    {
        this.calendar = calendar;
        this.alwaysOpen = extendedHours || calendar.isAlwaysOpen();
    }

    /**
     * @return the end of the session {@link #isOpen} last found open (event time, ns); {@code Long.MAX_VALUE} for a
     *     market that never closes or with extended hours.
     */
    public long sessionEndNs()
    {
        return alwaysOpen ? Long.MAX_VALUE : open ? untilNs : Long.MIN_VALUE;
    }

    /** @return true when trading is allowed at {@code nowNs}. */
    public boolean isOpen(final long nowNs)
    {
        if (alwaysOpen)
        {
            return true;
        }
        if (nowNs < fromNs || nowNs >= untilNs)
        {
            open = calendar.isOpen(nowNs);
            fromNs = nowNs;
            untilNs = open ? calendar.sessionEndNs(nowNs) : calendar.nextOpenNs(nowNs);
        }
        return open;
    }
}
