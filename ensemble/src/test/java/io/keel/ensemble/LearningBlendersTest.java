package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningBlendersTest
{
    private static final long SECOND = 1_000_000_000L;
    private final Signal[] signals = {new Signal(), new Signal()};
    private final Blend blend = new Blend(2);

    @Test
    void shouldShrinkATimidBlendTowardZero()
    {
        signals[0].set(4.0, 0.2, 1);
        signals[1].set(4.0, 0.2, 1);
        new ConfidenceWeightedBlender(0.0, 0.0).blend(signals, 2, blend);
        assertEquals(4.0, blend.edgeBps, 1e-12);
        new ConfidenceWeightedBlender(0.0, 0.4).blend(signals, 2, blend);
        assertEquals(2.0, blend.edgeBps, 1e-12, "0.4 of confidence against a prior of 0.4: half the edge");
        signals[0].set(4.0, 1.0, 1);
        signals[1].set(4.0, 1.0, 1);
        new ConfidenceWeightedBlender(0.0, 0.4).blend(signals, 2, blend);
        assertEquals(4.0 * 2 / 2.4, blend.edgeBps, 1e-12, "confident models overcome the prior");
    }

    /**
     * A market where model 0 predicts the next move and model 1 is noise; each step lasts a second and the price moves
     * by +-1 in the direction model 0 said with probability 80 %.
     */
    private static void market(final Blender blender, final int steps, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Signal[] s = {new Signal(), new Signal()};
        final Blend out = new Blend(2);
        double mid = 100;
        for (int t = 0; t < steps; t++)
        {
            final long now = t * SECOND;
            blender.onMarket(0, now, mid);
            final double good = random.nextBoolean() ? 1 : -1;
            s[0].set(good, 1.0, SECOND);
            s[1].set(random.nextBoolean() ? 1 : -1, 1.0, SECOND);
            blender.blend(0, now, mid, s, 2, out);
            mid += random.nextDouble() < 0.8 ? good : -good;
        }
    }

    @Test
    void shouldLearnHitRatesOnlyAfterTheHorizonAndWeightTheModelThatWorks()
    {
        final HitRateBlender early = new HitRateBlender(1, 2, 10 * SECOND, 0.05, 0.0);
        market(early, 10, 1);
        assertEquals(0.5, early.hitRate(0, 0), 1e-12, "nothing is scored before its 10 s horizon has passed");

        final HitRateBlender blender = new HitRateBlender(1, 2, SECOND, 0.05, 0.0);
        market(blender, 2_000, 1);
        assertTrue(blender.hitRate(0, 0) > 0.7, "the predictive model: " + blender.hitRate(0, 0));
        assertTrue(Math.abs(blender.hitRate(0, 1) - 0.5) < 0.15, "the noise model: " + blender.hitRate(0, 1));
        signals[0].set(2.0, 1.0, SECOND);
        signals[1].set(-2.0, 1.0, SECOND);
        blender.blend(0, 3_000 * SECOND, 100, signals, 2, blend);
        assertTrue(blend.weights[0] > 0.8, "weight of the model that works: " + blend.weights[0]);
        assertTrue(blend.edgeBps > 1.0, "the blend follows it: " + blend.edgeBps);
    }

    @Test
    void shouldLearnLogisticWeightsFromDelayedLabelsAndNotFromNoise()
    {
        final OnlineLogisticBlender blender = new OnlineLogisticBlender(1, 2, SECOND, 0.05, 0.0001, 2.0, 0.0);
        market(blender, 3_000, 7);
        assertTrue(blender.labelsUsed(0) > 2_500, "labels learned from: " + blender.labelsUsed(0));
        assertTrue(blender.weight(0, 0) > 0.5, "the predictive model: " + blender.weight(0, 0));
        assertTrue(Math.abs(blender.weight(0, 1)) < blender.weight(0, 0) / 4, "noise: " + blender.weight(0, 1));

        final OnlineLogisticBlender shuffled = new OnlineLogisticBlender(1, 2, 10 * SECOND, 0.05, 0.0001, 2.0, 0.0);
        market(shuffled, 10, 7);
        assertEquals(0, shuffled.labelsUsed(0), "no label before its horizon");
    }
}
