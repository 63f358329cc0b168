package io.keel.risk;

/**
 * Short-window against long-run realised volatility of each instrument's mid, in event time: two exponentially
 * weighted averages of the variance rate {@code r^2 / dt} (squared log return per second), each weighting a new
 * observation by {@code 1 - e^(-dt/tau)}, so irregular updates count by the time they cover. Returns at one instant
 * are summed until time moves. The ratio {@code sqrt(v_short / v_long)} is near 1 in a steady market and when updates
 * are sparser than both windows (daily bars under minute windows), and large when the last seconds moved far more
 * than the last half hour. Undefined (0) until one long time constant of history has passed. Allocation-free.
 */
final class VolatilityBreaker
{
    private final double tauShortNs;
    private final double tauLongNs;
    private final double[] lastMid;
    private final long[] lastNs;
    private final long[] firstNs;
    private final double[] pendingSquares;
    private final double[] shortRate;
    private final double[] longRate;

    VolatilityBreaker(final int instruments, final long shortHalfLifeNs, final long longHalfLifeNs)
    {
        this.tauShortNs = shortHalfLifeNs / Math.log(2);
        this.tauLongNs = longHalfLifeNs / Math.log(2);
        this.lastMid = new double[instruments];
        this.lastNs = new long[instruments];
        this.firstNs = new long[instruments];
        this.pendingSquares = new double[instruments];
        this.shortRate = new double[instruments];
        this.longRate = new double[instruments];
    }

    void onMid(final int id, final long timestampNs, final double mid)
    {
        if (!(mid > 0))
        {
            return;
        }
        if (lastMid[id] <= 0)
        {
            firstNs[id] = timestampNs;
            lastNs[id] = timestampNs;
            lastMid[id] = mid;
            return;
        }
        final double r = Math.log(mid / lastMid[id]);
        pendingSquares[id] += r * r;
        lastMid[id] = mid;
        final double dt = timestampNs - lastNs[id];
        if (dt > 0)
        {
            final double rate = pendingSquares[id] / (dt / 1e9);
            shortRate[id] += (1 - Math.exp(-dt / tauShortNs)) * (rate - shortRate[id]);
            longRate[id] += (1 - Math.exp(-dt / tauLongNs)) * (rate - longRate[id]);
            pendingSquares[id] = 0;
            lastNs[id] = timestampNs;
        }
    }

    /** @return short over long volatility, 0 while there is too little history or no movement. */
    double ratio(final int id)
    {
        if (lastMid[id] <= 0 || lastNs[id] - firstNs[id] < tauLongNs || !(longRate[id] > 0))
        {
            return 0;
        }
        return Math.sqrt(shortRate[id] / longRate[id]);
    }
}
