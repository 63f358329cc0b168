package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;

/**
 * Blends the zoo's signals for one instrument into one view with per-model weights. Learning blenders see every
 * market update of an instrument ({@link #onMarket}) so they can score past predictions once their horizon has
 * passed in event time: labels are never used early. Single-threaded (decision thread); allocation-free.
 */
public interface Blender
{
    /** Blends {@code count} signals of an instrument at {@code nowNs}, with its current mid, into {@code out}. */
    void blend(int instrumentId, long nowNs, double mid, Signal[] signals, int count, Blend out);

    /** A market update of an instrument: resolve predictions whose horizon has passed. */
    default void onMarket(final int instrumentId, final long nowNs, final double mid)
    {
    }

    /** @return a model's scored hit rate for an instrument, or NaN when this blender does not score hits. */
    default double hitRate(final int instrumentId, final int model)
    {
        return Double.NaN;
    }
}
