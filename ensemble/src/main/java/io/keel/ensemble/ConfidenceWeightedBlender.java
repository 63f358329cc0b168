package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;

/**
 * Confidence-weighted average: each model's weight is its confidence over the sum of confidences; the blended
 * confidence is the confidence-weighted mean confidence. A blend less confident than {@code minConfidence} is no view.
 * Allocation-free; single-threaded.
 */
public final class ConfidenceWeightedBlender
{
    private final double minConfidence;

    /** @param minConfidence blended confidence below which the blend carries no edge. */
    public ConfidenceWeightedBlender(final double minConfidence)
    {
        this.minConfidence = minConfidence;
    }

    /** Blends {@code count} signals into {@code out}, weights included. */
    public void blend(final Signal[] signals, final int count, final Blend out)
    {
        double confidenceSum = 0;
        for (int i = 0; i < count; i++)
        {
            confidenceSum += signals[i].confidence;
        }
        if (confidenceSum <= 0)
        {
            clear(out, count);
            return;
        }
        double edge = 0;
        double confidence = 0;
        double horizon = 0;
        for (int i = 0; i < count; i++)
        {
            final Signal s = signals[i];
            final double weight = s.confidence / confidenceSum;
            out.weights[i] = weight;
            edge += weight * s.edgeBps;
            confidence += weight * s.confidence;
            horizon += weight * s.horizonNs;
        }
        if (confidence < minConfidence)
        {
            clear(out, count);
            return;
        }
        out.edgeBps = edge;
        out.confidence = confidence;
        out.horizonNs = (long)horizon;
    }

    private static void clear(final Blend out, final int count)
    {
        out.edgeBps = 0;
        out.confidence = 0;
        out.horizonNs = 0;
        for (int i = 0; i < count; i++)
        {
            out.weights[i] = 0;
        }
    }
}
