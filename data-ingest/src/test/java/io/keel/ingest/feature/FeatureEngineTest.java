package io.keel.ingest.feature;

import io.keel.config.KeelConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEngineTest
{
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 1,
        5, 1, 0, "USDT", "CRYPTO_24_7");
    private static final long SECOND = 1_000_000_000L;
    private final FeatureEngine engine = new FeatureEngine(List.of(BTC),
        new KeelConfig.Features(1_000, 10_000, 60_000, 2, 10, List.of(), 0), 3);
    private final Event e = new Event();

    @Test
    void shouldComputeMidSpreadAndImbalanceFromTheBook()
    {
        engine.onEvent(e.bookLevel(SECOND, 0, Side.BUY, 0, 100_00, 300));
        engine.onEvent(e.bookLevel(SECOND, 0, Side.BUY, 1, 99_99, 100));
        engine.onEvent(e.bookLevel(SECOND, 0, Side.BUY, 2, 99_98, 5_000)); // beyond imbalanceLevels
        engine.onEvent(e.bookLevel(SECOND, 0, Side.SELL, 0, 100_02, 100));
        assertTrue(engine.onEvent(e.bookLevel(SECOND, 0, Side.SELL, 1, 100_03, 100)));
        final Features f = engine.features(0);
        assertEquals(100.01, f.mid, 1e-9);
        assertEquals(0.02 / 100.01 * 1e4, f.spreadBps, 1e-9);
        assertEquals((400 - 200) / 600.0, f.bookImbalance, 1e-12);
        assertFalse(engine.onEvent(e.trade(SECOND, 0, Side.BUY, 100_02, 1)), "trades do not move the book");
    }

    @Test
    void shouldDecayEmasInTimeAndWarmUp()
    {
        engine.onEvent(e.quote(SECOND, 0, 100_00, 1, 100_00, 1));
        engine.onEvent(e.quote(2 * SECOND, 0, 110_00, 1, 110_00, 1));
        final Features f = engine.features(0);
        assertEquals(100 + 10 * (1 - Math.exp(-1.0)), f.emaFast, 1e-9);
        assertEquals(100 + 10 * (1 - Math.exp(-0.1)), f.emaSlow, 1e-9);
        assertFalse(f.warm);
        for (int i = 3; i < 20; i++)
        {
            engine.onEvent(e.quote(i * SECOND, 0, 110_00, 1, 110_00, 1));
        }
        assertTrue(f.warm);
    }

    @Test
    void shouldEstimateTheAnnualisedVolatilityOfARandomWalk()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final double annual = 0.8;
        final double perStep = annual * Math.sqrt(1.0 / (365.0 * 86_400));
        double logMid = Math.log(50_000);
        for (int i = 1; i <= 200_000; i++)
        {
            logMid += perStep * random.nextGaussian();
            final long px = Math.round(Math.exp(logMid) * 100);
            engine.onEvent(e.quote(i * SECOND, 0, px, 1, px, 1));
        }
        assertEquals(annual, engine.features(0).realizedVolatilityAnnual, 0.1);
    }
}
