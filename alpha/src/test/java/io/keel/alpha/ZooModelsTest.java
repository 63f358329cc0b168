package io.keel.alpha;

import io.keel.config.KeelConfig;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZooModelsTest
{
    private final Features features = new Features();
    private final Signal signal = new Signal();

    private static KeelConfig.Model model(final int window, final double scale, final double saturation)
    {
        return new KeelConfig.Model(true, window, scale, saturation, 1_000);
    }

    /** Binds a model to slots 0..n-1 in the order of its indicators and sets their values. */
    private void feed(final AlphaModel m, final double... values)
    {
        final List<String> names = m.indicators();
        m.bind(names::indexOf);
        features.indicators = values.clone();
        features.warm = true;
    }

    @Test
    void shouldReadOrderFlowMicropriceAndTradeFlow()
    {
        final AlphaModel ofi = new ZooModels.OrderFlowImbalance(model(50, 1.5, 5));
        assertEquals(List.of("ofi:50"), ofi.indicators());
        feed(ofi, 5);
        ofi.evaluate(0, features, signal);
        assertEquals(1.5 * Math.tanh(1), signal.edgeBps, 1e-12);

        final AlphaModel micro = new ZooModels.MicropriceDeviation(model(1, 1.0, 0.5));
        feed(micro, 100.0025);
        features.mid = 100;
        micro.evaluate(0, features, signal);
        assertEquals(0.5, signal.edgeBps, 1e-9, "0.25 bps above the mid, half of saturation");

        final AlphaModel flow = new ZooModels.TradeFlowImbalance(model(5000, 1.0, 0.5));
        feed(flow, -0.25);
        flow.evaluate(0, features, signal);
        assertEquals(-0.25, signal.edgeBps, 1e-12);
        assertEquals(0.5, signal.confidence, 1e-12);
    }

    @Test
    void shouldRevertFromAStretchedMeanAndFadeFundingShocks()
    {
        final AlphaModel reversion = new ZooModels.MeanReversion(model(100, 2.0, 2.0));
        assertEquals(List.of("sma:100", "bollingerUpper:100:1"), reversion.indicators());
        feed(reversion, 100.0, 101.0); // mean 100, one deviation = 1
        features.mid = 103;
        reversion.evaluate(0, features, signal);
        assertEquals(-2.0, signal.edgeBps, 1e-12, "3 deviations above: full size, short");

        final AlphaModel funding = new ZooModels.FundingShock(model(30, 5, 2));
        feed(funding, 1.0);
        funding.evaluate(0, features, signal);
        assertEquals(-2.5, signal.edgeBps, 1e-12, "crowded longs unwind");
    }

    @Test
    void shouldBuyOversoldRsiMoreWhenMacdAgrees()
    {
        final AlphaModel rsi = new ZooModels.RsiComposite(model(14, 20, 30));
        feed(rsi, 20.0, 0.5, 0.2); // RSI 20, MACD above its signal
        rsi.evaluate(0, features, signal);
        assertEquals(20.0, signal.edgeBps, 1e-12);
        feed(rsi, 20.0, 0.1, 0.2);
        rsi.evaluate(0, features, signal);
        assertEquals(10.0, signal.edgeBps, 1e-12, "MACD disagrees: half");
    }

    @Test
    void shouldScaleOthersDownInAVolatileRegimeAndStaySilentWhenCold()
    {
        final AlphaModel regime = new ZooModels.VolatilityRegime(model(50, 0, 10));
        assertEquals(List.of("realizedVol:50", "realizedVol:500"), regime.indicators());
        feed(regime, 0.004, 0.001);
        assertEquals(0.25, regime.confidenceScale(0, features), 1e-12);
        feed(regime, 0.001, 0.002);
        assertEquals(1.0, regime.confidenceScale(0, features), 1e-12);
        regime.evaluate(0, features, signal.set(1, 1, 1));
        assertEquals(0.0, signal.confidence);

        final AlphaModel ofi = new ZooModels.OrderFlowImbalance(model(50, 1.5, 5));
        feed(ofi, Double.NaN);
        ofi.evaluate(0, features, signal.set(1, 1, 1));
        assertEquals(0.0, signal.confidence, "an undefined input is no opinion");
        assertThrows(IllegalStateException.class, () -> ofi.bind(name -> -1), "an unsubscribed input is a bug");
        assertTrue(ofi.name().contains("order_flow"));
    }
}
