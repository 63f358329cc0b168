package io.keel.core.decision;

/** One model's view of one instrument: expected edge, how sure, and for how long. */
public final class Signal
{
    /** Expected return over the horizon in basis points; positive means up. */
    public double edgeBps;
    /** Confidence in [0, 1]; 0 means no opinion. */
    public double confidence;
    /** Horizon of the edge in nanoseconds. */
    public long horizonNs;

    /** Sets all three fields. */
    public Signal set(final double edge, final double confidenceValue, final long horizon)
    {
        edgeBps = edge;
        confidence = confidenceValue;
        horizonNs = horizon;
        return this;
    }

    /** Clears the signal to "no opinion". */
    public Signal clear()
    {
        return set(0, 0, 0);
    }
}
