package io.keel.ensemble;

import io.keel.config.KeelConfig;

/** Chooses the blender of a configuration ({@code ensemble.blender}), as {@code AlphaZoo.fromConfig} chooses models. */
public final class Blenders
{
    private Blenders()
    {
    }

    /**
     * @param instruments instruments the blender keeps state for.
     * @param models      models in the zoo.
     * @return the configured blender, with its parameters.
     */
    public static Blender fromConfig(final KeelConfig.Ensemble e, final int instruments, final int models)
    {
        final long horizonNs = e.horizonMs() * 1_000_000L;
        return switch (e.blender())
        {
            case CONFIDENCE -> new ConfidenceWeightedBlender(e.minConfidence(), e.shrinkage());
            case HIT_RATE -> new HitRateBlender(instruments, models, horizonNs, e.hitRateDecay(), e.minConfidence());
            case LOGISTIC -> new OnlineLogisticBlender(instruments, models, horizonNs, e.learningRate(), e.l2(),
                e.edgeScaleBps(), e.minConfidence());
        };
    }
}
