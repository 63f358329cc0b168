package io.keel.ingest.feature.micro;

/** Z-score of the newest value against the last {@code n} (itself included), population deviation. O(n), n fixed. */
public final class ZScore
{
    private final double[] values;
    private int next;
    private int count;

    /** @param n window length. */
    public ZScore(final int n)
    {
        values = new double[n];
    }

    /** Adds a value (e.g. a funding rate). @return its z-score, 0 while the window has no spread. */
    public double update(final double value)
    {
        values[next] = value;
        next = (next + 1) % values.length;
        count = Math.min(values.length, count + 1);
        double mean = 0;
        for (int i = 0; i < count; i++)
        {
            mean += values[i];
        }
        mean /= count;
        double squares = 0;
        for (int i = 0; i < count; i++)
        {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        final double deviation = Math.sqrt(squares / count);
        return deviation == 0 ? 0 : (value - mean) / deviation;
    }
}
