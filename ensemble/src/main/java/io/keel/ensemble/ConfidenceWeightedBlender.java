package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;

/**
 * Confidence-weighted average with Bayesian shrinkage toward zero edge: each model's weight is its confidence over
 * (the sum of confidences + {@code shrinkage}), so little total confidence pulls the blend toward no edge (a prior
 * of zero edge with the weight of {@code shrinkage} fully confident models). The blended confidence is the
 * weighted mean confidence. A blend less confident than {@code minConfidence} is no view. Allocation-free.
 */
public final class ConfidenceWeightedBlender implements Blender
{
    private final double minConfidence;
    private final double shrinkage;

    /** @param minConfidence blended confidence below which the blend carries no edge. */
    public ConfidenceWeightedBlender(final double minConfidence)
    {
        this(minConfidence, 0);
    }

    /**
     * @param minConfidence blended confidence below which the blend carries no edge.
     * @param shrinkage     weight of the zero-edge prior, in units of one fully confident model (0: none).
     */
    public ConfidenceWeightedBlender(final double minConfidence, final double shrinkage)
    {
        this.minConfidence = minConfidence;
        this.shrinkage = shrinkage;
    }

    @Override
    public void blend(
        final int instrumentId, final long nowNs, final double mid, final Signal[] signals, final int count,
        final Blend out)
    {
        blend(signals, count, out);
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
        final double denominator = confidenceSum + shrinkage;
        for (int i = 0; i < count; i++)
        {
            final Signal s = signals[i];
            final double weight = s.confidence / denominator;
            out.weights[i] = weight;
            edge += weight * s.edgeBps;
            confidence += s.confidence / confidenceSum * s.confidence;
            horizon += s.confidence / confidenceSum * s.horizonNs;
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
