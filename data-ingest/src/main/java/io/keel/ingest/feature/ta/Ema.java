package io.keel.ingest.feature.ta;

/**
 * Exponential moving average with weight {@code alpha} on the newest value, starting from the first value:
 * {@code 2 / (n + 1)} for an n-period EMA, {@code 1 / n} for Wilder's smoothing (MMA). O(1).
 */
public final class Ema
{
    private final double alpha;
    private double value = Double.NaN;

    private Ema(final double alpha)
    {
        this.alpha = alpha;
    }

    /** @return an n-period EMA (alpha 2 / (n + 1)). */
    public static Ema periods(final int n)
    {
        return new Ema(2.0 / (n + 1));
    }

    /** @return Wilder's n-period smoothing (alpha 1 / n), as used by RSI and ATR. */
    public static Ema wilder(final int n)
    {
        return new Ema(1.0 / n);
    }

    /** Adds a value. @return the average. */
    public double update(final double x)
    {
        value = Double.isNaN(value) ? x : (x - value) * alpha + value;
        return value;
    }

    /** @return the current average, NaN before any value. */
    public double value()
    {
        return value;
    }
}
