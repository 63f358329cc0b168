package io.keel.ingest.feature.ta;

/** MACD: fast EMA minus slow EMA, its signal EMA and the histogram. O(1). */
public final class Macd
{
    private final Ema fast;
    private final Ema slow;
    private final Ema signal;
    private double macd = Double.NaN;

    /**
     * @param fastPeriods   fast EMA periods (12).
     * @param slowPeriods   slow EMA periods (26).
     * @param signalPeriods signal EMA periods (9).
     */
    public Macd(final int fastPeriods, final int slowPeriods, final int signalPeriods)
    {
        fast = Ema.periods(fastPeriods);
        slow = Ema.periods(slowPeriods);
        signal = Ema.periods(signalPeriods);
    }

    /** Adds a close. @return the MACD line. */
    public double update(final double close)
    {
        macd = fast.update(close) - slow.update(close);
        signal.update(macd);
        return macd;
    }

    /** @return the MACD line. */
    public double macd()
    {
        return macd;
    }

    /** @return the signal line. */
    public double signal()
    {
        return signal.value();
    }

    /** @return MACD minus signal. */
    public double histogram()
    {
        return macd - signal.value();
    }
}
