package io.keel.ingest.feature.ta;

/**
 * Bollinger bands: the n-value SMA plus and minus k population standard deviations of the same window. The
 * deviation is computed in two passes over the window (O(n) with n fixed, no cancellation error).
 */
public final class Bollinger
{
    private final Sma sma;
    private final double k;
    private double deviation = Double.NaN;

    /**
     * @param n window length (20).
     * @param k band width in standard deviations (2).
     */
    public Bollinger(final int n, final double k)
    {
        this.sma = new Sma(n);
        this.k = k;
    }

    /** Adds a close. @return the middle band. */
    public double update(final double close)
    {
        final double mean = sma.update(close);
        double squares = 0;
        for (int i = 0; i < sma.count(); i++)
        {
            final double d = sma.get(i) - mean;
            squares += d * d;
        }
        deviation = Math.sqrt(squares / sma.count());
        return mean;
    }

    /** @return the middle band (SMA). */
    public double middle()
    {
        return sma.value();
    }

    /** @return the population standard deviation of the window. */
    public double deviation()
    {
        return deviation;
    }

    /** @return middle + k deviations. */
    public double upper()
    {
        return middle() + k * deviation;
    }

    /** @return middle - k deviations. */
    public double lower()
    {
        return middle() - k * deviation;
    }
}
