package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;

/**
 * Online logistic regression over the models' edges: p(up over the horizon) = sigmoid(b + sum w_m x_m), with x_m a
 * model's edge in bps (0 without an opinion), learned by SGD with L2 from realised forward moves, each label used only
 * once its horizon has passed in event time (delayed labels). The blended edge is {@code edgeScaleBps x (2p - 1)},
 * its confidence {@code |2p - 1|}; a model's weight is its share of {@code |w_m x_m|}. Weights start at zero (no
 * view) and learn per instrument.
 */
public final class OnlineLogisticBlender implements Blender
{
    private final int models;
    private final long horizonNs;
    private final double learningRate;
    private final double l2;
    private final double edgeScaleBps;
    private final double minConfidence;
    private final double[][] weights;
    private final double[] bias;
    private final PendingLabels[] pending;
    private final long[] labelsUsed;

    /**
     * @param learningRate SGD step.
     * @param l2           L2 penalty.
     * @param edgeScaleBps edge at certainty.
     */
    public OnlineLogisticBlender(
        final int instruments, final int models, final long horizonNs, final double learningRate, final double l2,
        final double edgeScaleBps, final double minConfidence)
    {
        this.models = models;
        this.horizonNs = horizonNs;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.edgeScaleBps = edgeScaleBps;
        this.minConfidence = minConfidence;
        this.weights = new double[instruments][models];
        this.bias = new double[instruments];
        this.pending = new PendingLabels[instruments];
        this.labelsUsed = new long[instruments];
        for (int i = 0; i < instruments; i++)
        {
            pending[i] = new PendingLabels(1024, models);
        }
    }

    private double probability(final int instrumentId, final double[] x)
    {
        double z = bias[instrumentId];
        for (int m = 0; m < models; m++)
        {
            z += weights[instrumentId][m] * x[m];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public void onMarket(final int instrumentId, final long nowNs, final double mid)
    {
        final PendingLabels queue = pending[instrumentId];
        while (queue.due(nowNs))
        {
            final double move = mid - queue.oldestMid();
            if (move != 0)
            {
                final double[] x = queue.oldestInputs();
                final double error = (move > 0 ? 1 : 0) - probability(instrumentId, x);
                for (int m = 0; m < models; m++)
                {
                    weights[instrumentId][m] += learningRate * (error * x[m] - l2 * weights[instrumentId][m]);
                }
                bias[instrumentId] += learningRate * error;
                labelsUsed[instrumentId]++;
            }
            queue.removeOldest();
        }
    }

    @Override
    public void blend(
        final int instrumentId, final long nowNs, final double mid, final Signal[] signals, final int count,
        final Blend out)
    {
        double contributions = 0;
        double z = bias[instrumentId];
        for (int m = 0; m < count; m++)
        {
            final double x = signals[m].confidence > 0 ? signals[m].edgeBps : 0;
            final double c = weights[instrumentId][m] * x;
            z += c;
            out.weights[m] = Math.abs(c);
            contributions += Math.abs(c);
        }
        pending[instrumentId].sample(nowNs, horizonNs, mid, signals, count);
        for (int m = 0; m < count; m++)
        {
            out.weights[m] = contributions > 0 ? out.weights[m] / contributions : 0;
        }
        final double p = 1 / (1 + Math.exp(-z));
        out.confidence = Math.abs(2 * p - 1);
        out.edgeBps = out.confidence < minConfidence ? 0 : edgeScaleBps * (2 * p - 1);
        out.horizonNs = horizonNs;
    }

    /** @return labels learned from so far on an instrument. */
    public long labelsUsed(final int instrumentId)
    {
        return labelsUsed[instrumentId];
    }

    /** @return a model's learned weight on an instrument. */
    public double weight(final int instrumentId, final int model)
    {
        return weights[instrumentId][model];
    }
}
