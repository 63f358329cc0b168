package io.keel.ensemble;

import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfidenceWeightedBlenderTest
{
    private final Signal[] signals = {new Signal(), new Signal()};
    private final Blend blend = new Blend(2);

    @Test
    void shouldWeightEdgesByConfidence()
    {
        signals[0].set(4.0, 0.75, 1_000);
        signals[1].set(-2.0, 0.25, 3_000);
        new ConfidenceWeightedBlender(0.05).blend(signals, 2, blend);
        assertEquals(2.5, blend.edgeBps, 1e-12);
        assertEquals(0.625, blend.confidence, 1e-12);
        assertEquals(0.75, blend.weights[0], 1e-12);
        assertEquals(0.25, blend.weights[1], 1e-12);
        assertEquals(1_500, blend.horizonNs);
    }

    @Test
    void shouldHaveNoViewWhenNobodyIsConfidentEnough()
    {
        signals[0].set(4.0, 0.02, 1_000);
        signals[1].set(-2.0, 0.0, 3_000);
        new ConfidenceWeightedBlender(0.05).blend(signals, 2, blend);
        assertEquals(0.0, blend.edgeBps);
        assertEquals(0.0, blend.weights[0]);
        signals[0].clear();
        new ConfidenceWeightedBlender(0.0).blend(signals, 2, blend);
        assertEquals(0.0, blend.confidence);
    }
}
