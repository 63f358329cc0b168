package io.keel.ingest.feature.ta;

/** A fixed-capacity ring of the last {@code size} values, oldest first. */
final class Window
{
    private final double[] values;
    private int count;
    private int next;

    Window(final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("window size must be >= 1, was " + size);
        }
        values = new double[size];
    }

    /** Adds a value. @return the value that fell out, or NaN when the window was not full. */
    double add(final double value)
    {
        final double dropped = count == values.length ? values[next] : Double.NaN;
        values[next] = value;
        next = (next + 1) % values.length;
        count = Math.min(values.length, count + 1);
        return dropped;
    }

    int count()
    {
        return count;
    }

    /** @return the i-th value, 0 = oldest. */
    double get(final int i)
    {
        return values[(next - count + i + values.length) % values.length];
    }
}
