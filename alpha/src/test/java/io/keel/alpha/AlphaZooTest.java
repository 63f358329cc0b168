package io.keel.alpha;

import io.keel.config.KeelConfig;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlphaZooTest
{
    static final KeelConfig.Model OFF = new KeelConfig.Model(false, 10, 1, 1, 1_000);
    static final KeelConfig.Trained NO_TRAINED = new KeelConfig.Trained(false, "", "", 0);
    private final KeelConfig.Alpha config = new KeelConfig.Alpha(
        new KeelConfig.BookImbalance(true, 2.0, 2_000), new KeelConfig.MaMomentum(true, 0.5, 5.0, 30_000), OFF, OFF,
        OFF, OFF, OFF, OFF, OFF, NO_TRAINED, Map.of());
    private final Features features = new Features();
    private final Signal signal = new Signal();

    @Test
    void shouldBuildEnabledModelsInOrder()
    {
        assertEquals(List.of("book_imbalance", "ma_momentum"),
            AlphaZoo.fromConfig(config).stream().map(AlphaModel::name).toList());
        final KeelConfig.Alpha onlyMomentum = new KeelConfig.Alpha(
            new KeelConfig.BookImbalance(false, 2.0, 2_000), config.maMomentum(), OFF, OFF, OFF, OFF, OFF, OFF, OFF,
            NO_TRAINED, Map.of());
        assertEquals(List.of("ma_momentum"), AlphaZoo.fromConfig(onlyMomentum).stream().map(AlphaModel::name).toList());
    }

    @Test
    void shouldNameEachModelByItsConfigKey()
    {
        assertEquals(List.of("bookImbalance", "maMomentum"),
            AlphaZoo.fromConfig(config).stream().map(AlphaZoo::configKey).toList());
    }

    @Test
    void shouldTurnBookImbalanceIntoEdgeAndConfidence()
    {
        final AlphaModel model = AlphaZoo.fromConfig(config).get(0);
        features.warm = true;
        features.bookImbalance = -0.4;
        model.evaluate(0, features, signal);
        assertEquals(2.0 * (2 / (1 + Math.exp(1.6)) - 1), signal.edgeBps, 1e-12, "logistic in the imbalance");
        assertEquals(0.4, signal.confidence, 1e-12);
        assertEquals(2_000_000_000L, signal.horizonNs);
    }

    @Test
    void shouldTurnEmaGapIntoMomentumEdgeSaturatingConfidence()
    {
        final AlphaModel model = AlphaZoo.fromConfig(config).get(1);
        features.warm = true;
        features.emaFast = 100.02;
        features.emaSlow = 100.0; // gap 2 bps
        model.evaluate(0, features, signal);
        assertEquals(1.0, signal.edgeBps, 1e-9);
        assertEquals(0.4, signal.confidence, 1e-9);
        features.emaFast = 100.2; // gap 20 bps: saturated
        model.evaluate(0, features, signal);
        assertEquals(1.0, signal.confidence);
    }

    @Test
    void shouldHaveNoOpinionWhileCold()
    {
        features.warm = false;
        features.bookImbalance = 1;
        AlphaZoo.fromConfig(config).get(0).evaluate(0, features, signal.set(1, 1, 1));
        assertEquals(0.0, signal.confidence);
        assertEquals(0.0, signal.edgeBps);
    }
}
