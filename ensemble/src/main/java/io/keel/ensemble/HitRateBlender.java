package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;

/**
 * Exponentially decaying hit-rate weighting: each model's predictions (the sign of its edge) are scored against the
 * mid's move over the blend horizon once that horizon has passed; its hit rate decays toward recent outcomes by
 * {@code decay} per scored prediction. A model's weight is its confidence times its excess hit rate over a coin
 * flip (zero at or below 50 %), so models that stopped working stop counting. Hit rates start at 50 %.
 */
public final class HitRateBlender implements Blender
{
    private final double decay;
    private final double minConfidence;
    private final long horizonNs;
    private final double[][] hitRate;
    private final PendingLabels[] pending;
    private final int models;

    /**
     * @param instruments   number of instruments.
     * @param models        number of models.
     * @param horizonNs     horizon over which a prediction is scored.
     * @param decay         weight of each new outcome in the hit rate, (0, 1].
     * @param minConfidence blended confidence below which the blend carries no edge.
     */
    public HitRateBlender(
        final int instruments, final int models, final long horizonNs, final double decay, final double minConfidence)
    {
        this.models = models;
        this.horizonNs = horizonNs;
        this.decay = decay;
        this.minConfidence = minConfidence;
        this.hitRate = new double[instruments][models];
        this.pending = new PendingLabels[instruments];
        for (int i = 0; i < instruments; i++)
        {
            java.util.Arrays.fill(hitRate[i], 0.5);
            pending[i] = new PendingLabels(1024, models);
        }
    }

    @Override
    public void onMarket(final int instrumentId, final long nowNs, final double mid)
    {
        final PendingLabels queue = pending[instrumentId];
        while (queue.due(nowNs))
        {
            final double move = mid - queue.oldestMid();
            final double[] predicted = queue.oldestInputs();
            for (int m = 0; m < models; m++)
            {
                if (predicted[m] != 0 && move != 0)
                {
                    final double hit = Math.signum(predicted[m]) == Math.signum(move) ? 1 : 0;
                    hitRate[instrumentId][m] += decay * (hit - hitRate[instrumentId][m]);
                }
            }
            queue.removeOldest();
        }
    }

    @Override
    public void blend(
        final int instrumentId, final long nowNs, final double mid, final Signal[] signals, final int count,
        final Blend out)
    {
        pending[instrumentId].sample(nowNs, horizonNs, mid, signals, count);
        double weightSum = 0;
        for (int m = 0; m < count; m++)
        {
            final double skill = Math.max(0, hitRate[instrumentId][m] - 0.5) * 2;
            out.weights[m] = signals[m].confidence * skill;
            weightSum += out.weights[m];
        }
        out.edgeBps = 0;
        out.confidence = 0;
        out.horizonNs = 0;
        if (weightSum <= 0)
        {
            return;
        }
        for (int m = 0; m < count; m++)
        {
            out.weights[m] /= weightSum;
            out.edgeBps += out.weights[m] * signals[m].edgeBps;
            out.confidence += out.weights[m] * signals[m].confidence;
            out.horizonNs += (long)(out.weights[m] * signals[m].horizonNs);
        }
        if (out.confidence < minConfidence)
        {
            out.edgeBps = 0;
            out.confidence = 0;
        }
    }

    /** @return a model's current hit rate on an instrument. */
    @Override
    public double hitRate(final int instrumentId, final int model)
    {
        return hitRate[instrumentId][model];
    }
}
