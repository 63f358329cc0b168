package io.keel.ensemble;

/**
 * Predictions waiting for their label, per instrument: a bounded FIFO of (due time, mid at prediction, feature
 * vector). A label is the sign of the mid's move from the prediction to the first market update at or after the due
 * time: it exists only once the horizon has passed in event time. Allocation-free after construction; when full, a
 * new prediction is not recorded (counted) rather than displacing an older one.
 */
final class PendingLabels
{
    private final long[] dueNs;
    private final double[] entryMid;
    private final double[][] inputs;
    private final int mask;
    private long head;
    private long tail;
    private long dropped;

    PendingLabels(final int capacityPowerOfTwo, final int width)
    {
        dueNs = new long[capacityPowerOfTwo];
        entryMid = new double[capacityPowerOfTwo];
        inputs = new double[capacityPowerOfTwo][width];
        mask = capacityPowerOfTwo - 1;
    }

    /** @return the input row to fill for a new prediction, or null when full. */
    double[] add(final long due, final double mid)
    {
        if (tail - head == dueNs.length)
        {
            dropped++;
            return null;
        }
        final int slot = (int)(tail++ & mask);
        dueNs[slot] = due;
        entryMid[slot] = mid;
        return inputs[slot];
    }

    /** @return true when the oldest prediction's horizon has passed at {@code nowNs}. */
    boolean due(final long nowNs)
    {
        return head != tail && dueNs[(int)(head & mask)] <= nowNs;
    }

    /** @return the oldest prediction's mid at prediction time. */
    double oldestMid()
    {
        return entryMid[(int)(head & mask)];
    }

    /** @return the oldest prediction's inputs. */
    double[] oldestInputs()
    {
        return inputs[(int)(head & mask)];
    }

    void removeOldest()
    {
        head++;
    }

    long dropped()
    {
        return dropped;
    }
}
