package io.keel.ingest.feature.ta;

/**
 * Simple moving average of the last {@code n} values (of fewer until {@code n} have arrived). O(1) per update with
 * a running sum, recomputed exactly every 1,024 updates so rounding never drifts.
 */
public final class Sma
{
    private static final int RESUM_EVERY = 1024;

    private final Window window;
    private double sum;
    private int sinceResum;

    /** @param n window length. */
    public Sma(final int n)
    {
        window = new Window(n);
    }

    /** Adds a value. @return the average. */
    public double update(final double value)
    {
        final double dropped = window.add(value);
        if (++sinceResum == RESUM_EVERY)
        {
            sinceResum = 0;
            sum = 0;
            for (int i = 0; i < window.count(); i++)
            {
                sum += window.get(i);
            }
        }
        else
        {
            sum += value - (Double.isNaN(dropped) ? 0 : dropped);
        }
        return value();
    }

    /** @return the current average, NaN before any value. */
    public double value()
    {
        return window.count() == 0 ? Double.NaN : sum / window.count();
    }

    /** @return values in the window. */
    int count()
    {
        return window.count();
    }

    /** @return the i-th value of the window, 0 = oldest. */
    double get(final int i)
    {
        return window.get(i);
    }
}
