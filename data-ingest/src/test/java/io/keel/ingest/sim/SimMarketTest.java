package io.keel.ingest.sim;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.Side;
import io.keel.core.TradingCalendar;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimMarketTest
{
    private static final ConfigSource CONFIG = ConfigSource.directory(Path.of("..", "config"));

    private static List<String> firstEvents(final LoadedConfig loaded, final int steps)
    {
        final SimMarket market = new SimMarket(loaded);
        final List<String> events = new ArrayList<>();
        for (int i = 0; i < steps; i++)
        {
            market.step(e -> events.add(e.toString()));
        }
        return events;
    }

    @Test
    void shouldRepeatTheSameMarketForTheSameSeedAndDifferForAnother()
    {
        final LoadedConfig loaded = ConfigLoader.load(CONFIG, "crypto_scalp");
        assertEquals(firstEvents(loaded, 2_000), firstEvents(loaded, 2_000));
        final String other = loaded.text().replace("seed: 42", "seed: 43");
        assertNotEquals(firstEvents(loaded, 2_000), firstEvents(ConfigLoader.fromText(other, "test"), 2_000));
    }

    @Test
    void shouldPublishATenLevelBookWithTicksAndLotsRespected()
    {
        final LoadedConfig loaded = ConfigLoader.load(CONFIG, "crypto_scalp");
        final SimMarket market = new SimMarket(loaded);
        final long[] levels = new long[2];
        for (int i = 0; i < 1_000; i++)
        {
            market.step(e ->
            {
                if (e.type == EventType.BOOK_LEVEL)
                {
                    levels[e.side == Side.BUY ? 0 : 1] = Math.max(levels[e.side == Side.BUY ? 0 : 1], e.level + 1);
                    assertTrue(e.quantity > 0 && e.quantity % loaded.instruments().get(e.instrumentId)
                        .lotSizeUnits() == 0, e.toString());
                }
                if (e.type == EventType.TRADE)
                {
                    assertTrue(e.price > 0 && e.quantity > 0, e.toString());
                }
            });
            assertTrue(market.bestAsk(0) > market.bestBid(0));
        }
        assertEquals(10, levels[0]);
        assertEquals(10, levels[1]);
    }

    @Test
    void shouldTradeStocksOnlyInsideRegularSessions()
    {
        final LoadedConfig loaded = ConfigLoader.load(CONFIG, "stocks_intraday");
        final SimMarket market = new SimMarket(loaded);
        final TradingCalendar nyse = TradingCalendar.of("NYSE");
        final long[] quotes = new long[1];
        final long start = market.nowNs();
        while (market.nowNs() < start + 3 * 86_400_000_000_000L)
        {
            market.step(e ->
            {
                if (e.type == EventType.QUOTE || e.type == EventType.TRADE)
                {
                    assertTrue(nyse.isOpen(e.timestampNs), "outside the session: " + e);
                    quotes[0]++;
                }
            });
        }
        assertTrue(quotes[0] > 2 * 6.5 * 3600 * 20, "three sessions of quotes, got " + quotes[0]);
    }

    @Test
    void shouldMakeBookImbalancePredictTheNextMoveAndClusterVolatility()
    {
        final LoadedConfig loaded = ConfigLoader.load(CONFIG, "stocks_intraday");
        final SimMarket market = new SimMarket(loaded);
        final int steps = 200_000;
        final double[] imbalance = new double[steps];
        final double[] mid = new double[steps];
        final int[] n = new int[1];
        while (n[0] < steps)
        {
            market.step(e ->
            {
                if (e.type == EventType.QUOTE && e.instrumentId == 0 && n[0] < steps)
                {
                    imbalance[n[0]] = (e.bidQuantity - e.askQuantity) / (double)(e.bidQuantity + e.askQuantity);
                    mid[n[0]] = (e.bidPrice + e.askPrice) / 2.0;
                    n[0]++;
                }
            });
        }
        final double[] next = new double[steps - 1];
        final double[] signal = new double[steps - 1];
        final double[] squared = new double[steps - 1];
        for (int i = 0; i < steps - 1; i++)
        {
            next[i] = Math.log(mid[i + 1] / mid[i]);
            signal[i] = imbalance[i];
            squared[i] = next[i] * next[i];
        }
        final double predictive = correlation(signal, next, 0);
        final double clustering = correlation(squared, squared, 1);
        assertTrue(predictive > 0.02 && predictive < 0.3, "imbalance/next-return correlation " + predictive);
        assertTrue(clustering > 0.02, "autocorrelation of squared returns " + clustering);
    }

    private static double correlation(final double[] x, final double[] y, final int lag)
    {
        final int n = x.length - lag;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i + lag];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i + lag] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i + lag] - my) * (y[i + lag] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void shouldEmitTimersOnTheConfiguredCadence()
    {
        final LoadedConfig loaded = ConfigLoader.load(CONFIG, "crypto_scalp");
        final SimMarket market = new SimMarket(loaded);
        final List<Long> timers = new ArrayList<>();
        final Event probe = new Event();
        while (timers.size() < 5)
        {
            market.step(e ->
            {
                if (e.type == EventType.TIMER)
                {
                    timers.add(probe.copyFrom(e).timestampNs);
                }
            });
        }
        for (int i = 1; i < timers.size(); i++)
        {
            assertEquals(1_000_000_000L, timers.get(i) - timers.get(i - 1));
        }
    }
}
