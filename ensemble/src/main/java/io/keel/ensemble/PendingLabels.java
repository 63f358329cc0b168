package io.keel.ensemble;

import io.keel.core.decision.Signal;

/**
 * Predictions waiting for their label, per instrument: a bounded FIFO of (due time, mid at prediction, feature
 * vector). A label is the sign of the mid's move from the prediction to the first market update at or after the due
 * time: it exists only once the horizon has passed in event time. Allocation-free after construction; when full, a
 * new prediction is not recorded (counted) rather than displacing an older one.
 */
final class PendingLabels
{
    /** Minimum event time between two recorded predictions of one instrument. */
    static final long SAMPLE_EVERY_NS = 1_000_000_000L;

    private final long[] dueNs;
    private final double[] entryMid;
    private final double[][] inputs;
    private final int mask;
    private long head;
    private long tail;
    private long dropped;
    private long lastSampleNs = Long.MIN_VALUE / 2; // so that now - last never overflows

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

    /**
     * Records the models' signed edges as a prediction due at {@code nowNs + horizonNs}, at most once per
     * {@link #SAMPLE_EVERY_NS} (a label every event would weigh quiet and busy periods unequally). A model without
     * confidence records edge 0.
     */
    void sample(
        final long nowNs, final long horizonNs, final double mid, final Signal[] signals,
        final int count)
    {
        if (nowNs - lastSampleNs < SAMPLE_EVERY_NS)
        {
            return;
        }
        final double[] row = add(nowNs + horizonNs, mid);
        if (row != null)
        {
            lastSampleNs = nowNs;
            for (int m = 0; m < count; m++)
            {
                row[m] = signals[m].confidence > 0 ? signals[m].edgeBps : 0;
            }
        }
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
