package io.keel.ingest.feature.ta;

/** Average true range with Wilder smoothing; the first bar's true range is its high minus low. O(1). */
public final class Atr
{
    private final Ema average;
    private double previousClose = Double.NaN;

    /** @param n period (14). */
    public Atr(final int n)
    {
        average = Ema.wilder(n);
    }

    /** Adds a bar. @return the ATR. */
    public double update(final double high, final double low, final double close)
    {
        double range = Math.abs(high - low);
        if (!Double.isNaN(previousClose))
        {
            range = Math.max(range, Math.max(Math.abs(high - previousClose), Math.abs(previousClose - low)));
        }
        previousClose = close;
        return average.update(range);
    }

    /** @return the ATR. */
    public double value()
    {
        return average.value();
    }
}
