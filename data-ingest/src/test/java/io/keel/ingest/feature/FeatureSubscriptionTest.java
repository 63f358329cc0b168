package io.keel.ingest.feature;

import io.keel.config.KeelConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.ingest.feature.micro.Microprice;
import io.keel.ingest.feature.ta.Atr;
import io.keel.ingest.feature.ta.Macd;
import io.keel.ingest.feature.ta.Rsi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indicators subscribed by a mode profile are computed per instrument and published in its features. */
class FeatureSubscriptionTest
{
    private static final InstrumentSpec SPY = new InstrumentSpec(0, "SPY", "SIM", AssetClass.EQUITY, 2, 1, 0, 1, 0,
        "USD", "NYSE");
    private static final InstrumentSpec QQQ = new InstrumentSpec(1, "QQQ", "SIM", AssetClass.EQUITY, 2, 1, 0, 1, 0,
        "USD", "NYSE");

    private static FeatureEngine engine(final List<String> indicators)
    {
        return new FeatureEngine(List.of(SPY, QQQ), new KeelConfig.Features(1_000, 10_000, 60_000, 1, 10, indicators, 0),
            5);
    }

    @Test
    void shouldPublishSubscribedBarIndicatorsPerInstrument()
    {
        final FeatureEngine engine = engine(List.of("rsi:14", "macd:12:26:9", "atr:14"));
        final int rsiSlot = engine.indicatorSlot("rsi:14");
        final int macdSlot = engine.indicatorSlot("macd:12:26:9");
        final int atrSlot = engine.indicatorSlot("atr:14");
        assertEquals(-1, engine.indicatorSlot("sma:20"));
        final Rsi rsi = new Rsi(14);
        final Macd macd = new Macd(12, 26, 9);
        final Atr atr = new Atr(14);
        final SplittableRandom random = new SplittableRandom(3);
        final Event bar = new Event();
        long close = 400_00;
        for (int i = 1; i <= 300; i++)
        {
            bar.reset();
            bar.type = EventType.BAR;
            bar.timestampNs = i * 86_400_000_000_000L;
            bar.instrumentId = 0;
            bar.open = close;
            close = Math.max(100, close + random.nextInt(-500, 501));
            bar.price = close;
            bar.high = Math.max(bar.open, close) + random.nextInt(0, 200);
            bar.low = Math.min(bar.open, close) - random.nextInt(0, 200);
            bar.quantity = 1_000;
            assertTrue(engine.onEvent(bar));
            rsi.update(close / 100.0);
            macd.update(close / 100.0);
            atr.update(bar.high / 100.0, bar.low / 100.0, close / 100.0);
        }
        final double[] values = engine.features(0).indicators;
        assertEquals(rsi.value(), values[rsiSlot], 1e-12);
        assertEquals(macd.macd(), values[macdSlot], 1e-12);
        assertEquals(atr.value(), values[atrSlot], 1e-12);
        assertTrue(Double.isNaN(engine.features(1).indicators[rsiSlot]), "QQQ saw nothing");
    }

    @Test
    void shouldFollowQuotesTradesAndFunding()
    {
        final FeatureEngine engine = engine(List.of("microprice", "ofi:10", "tradeFlow:1000", "fundingZ:3",
            "sma:2"));
        final Event e = new Event();
        engine.onEvent(e.quote(1, 0, 100_00, 300, 101_00, 100));
        assertEquals(Microprice.of(100, 300, 101, 100), engine.features(0).indicators[0], 1e-12);
        engine.onEvent(e.quote(2, 0, 100_00, 350, 101_00, 100));
        assertEquals(50, engine.features(0).indicators[1], 1e-12, "bid size +50");
        engine.onEvent(e.trade(3, 0, Side.BUY, 100_50, 10));
        engine.onEvent(e.trade(3, 0, Side.SELL, 100_60, 30));
        assertEquals(-0.5, engine.features(0).indicators[2], 1e-12);
        assertEquals(100.55, engine.features(0).indicators[4], 1e-12, "no bars: prices follow trades");
        final Event funding = new Event();
        funding.type = EventType.FUNDING_RATE;
        for (final long ppb : new long[] {100_000, 200_000, 600_000})
        {
            funding.value = ppb;
            engine.onEvent(funding);
        }
        assertEquals((6 - 3) / Math.sqrt((4 + 1 + 9) / 3.0), engine.features(0).indicators[3], 1e-9);
    }

    @Test
    void shouldComputeBookImbalanceAtEachSubscribedDepth()
    {
        final FeatureEngine engine = engine(List.of("obi:1", "obi:3"));
        final Event e = new Event();
        engine.onEvent(e.bookLevel(1, 0, Side.BUY, 0, 100_00, 10));
        engine.onEvent(e.bookLevel(1, 0, Side.BUY, 1, 99_99, 50));
        engine.onEvent(e.bookLevel(1, 0, Side.BUY, 2, 99_98, 40));
        engine.onEvent(e.bookLevel(1, 0, Side.SELL, 0, 100_01, 30));
        engine.onEvent(e.bookLevel(1, 0, Side.SELL, 1, 100_02, 10));
        engine.onEvent(e.bookLevel(1, 0, Side.SELL, 2, 100_03, 10));
        assertEquals((10 - 30) / 40.0, engine.features(0).indicators[0], 1e-12);
        assertEquals((100 - 50) / 150.0, engine.features(0).indicators[1], 1e-12);
    }

    @Test
    void shouldFeedBarIndicatorsFromTimeBarsBuiltFromTrades()
    {
        final FeatureEngine engine = new FeatureEngine(List.of(SPY, QQQ),
            new KeelConfig.Features(1_000, 10_000, 60_000, 1, 10, List.of("sma:2"), 60_000), 5);
        final long minute = 60_000_000_000L;
        final Event e = new Event();
        engine.onEvent(e.trade(5, 0, Side.BUY, 100_00, 1));
        engine.onEvent(e.trade(minute - 1, 0, Side.BUY, 102_00, 1));
        assertTrue(Double.isNaN(engine.features(0).indicators[0]), "no bar has closed yet");
        engine.onEvent(e.trade(minute + 5, 0, Side.SELL, 104_00, 1));
        assertEquals(102.0, engine.features(0).indicators[0], 1e-12, "first bar closed at 102");
        engine.onTime(2 * minute);
        assertEquals(103.0, engine.features(0).indicators[0], 1e-12, "the timer closed the second bar at 104");
    }
}
