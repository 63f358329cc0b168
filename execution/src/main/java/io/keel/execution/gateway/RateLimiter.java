package io.keel.execution.gateway;

/**
 * A sliding-window limit of events per interval (the venue's published rate limits, kept on our side so we never
 * hit them), plus a venue-imposed pause (HTTP 429 Retry-After). Time is passed in, so tests and replays are exact.
 * Not thread safe.
 */
public final class RateLimiter
{
    private final long[] times;
    private final long intervalNs;
    private int head;
    private long pausedUntilNs = Long.MIN_VALUE;

    /**
     * @param limit      events allowed per interval.
     * @param intervalNs the interval.
     */
    public RateLimiter(final int limit, final long intervalNs)
    {
        if (limit <= 0 || intervalNs <= 0)
        {
            throw new IllegalArgumentException("rate limit and interval must be positive");
        }
        this.times = new long[limit];
        java.util.Arrays.fill(times, Long.MIN_VALUE / 4);
        this.intervalNs = intervalNs;
    }

    /** @return true (and counts it) when one more event may happen now. */
    public boolean tryAcquire(final long nowNs)
    {
        if (nowNs < pausedUntilNs || nowNs - times[head] < intervalNs)
        {
            return false;
        }
        times[head] = nowNs;
        head = (head + 1) % times.length;
        return true;
    }

    /** Refuses everything until {@code untilNs} (the venue said Retry-After). */
    public void pauseUntil(final long untilNs)
    {
        pausedUntilNs = Math.max(pausedUntilNs, untilNs);
    }

    /** @return the end of the current pause, or Long.MIN_VALUE. */
    public long pausedUntilNs()
    {
        return pausedUntilNs;
    }
}
