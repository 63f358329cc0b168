package io.keel.ingest.feature.ta;

/** Relative strength index with Wilder smoothing of gains and losses; 100 when there are no losses. O(1). */
public final class Rsi
{
    private final Ema gains;
    private final Ema losses;
    private double previous = Double.NaN;
    private double value = Double.NaN;

    /** @param n period. */
    public Rsi(final int n)
    {
        gains = Ema.wilder(n);
        losses = Ema.wilder(n);
    }

    /** Adds a close. @return the RSI in [0, 100]. */
    public double update(final double close)
    {
        final double change = Double.isNaN(previous) ? 0 : close - previous;
        previous = close;
        final double gain = gains.update(change > 0 ? change : 0);
        final double loss = losses.update(change < 0 ? -change : 0);
        value = loss == 0 ? (gain == 0 ? 0 : 100) : 100 - 100 / (1 + gain / loss);
        return value;
    }

    /** @return the current RSI. */
    public double value()
    {
        return value;
    }
}
