package io.keel.ingest.feature.micro;

import io.keel.core.event.Event;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MicroFeaturesTest
{
    @Test
    void shouldLeanTheMicropriceTowardTheThinSide()
    {
        assertEquals(100.75, Microprice.of(100, 300, 101, 100), 1e-12, "big bid, thin ask: toward the ask");
        assertEquals(100.5, Microprice.of(100, 0, 101, 0), 1e-12);
    }

    @Test
    void shouldComputeCkstOrderFlowImbalance()
    {
        final OrderFlowImbalance ofi = new OrderFlowImbalance(3);
        assertEquals(0, ofi.update(100, 10, 101, 10));
        assertEquals(5, ofi.update(100, 15, 101, 10), "same prices, bid size +5");
        assertEquals(8, ofi.update(100.5, 8, 101, 10), "bid up: all new bid size counts");
        assertEquals(-8, ofi.update(100, 4, 101, 10), 1e-12, "bid down: the old bid size leaves; ask unchanged: 0");
        assertEquals(4 - 4 - 12, ofi.update(100, 4, 100.5, 12), 1e-12, "ask down: the new ask size counts against");
        assertEquals(8 - 8 - 12, ofi.value(), 1e-12, "window of the last three");
    }

    @Test
    void shouldDecayTradeFlowImbalanceInEventTime()
    {
        final TradeFlowImbalance tfi = new TradeFlowImbalance(1_000_000_000L);
        assertEquals(1.0, tfi.update(0, 1, 10));
        final double decay = Math.exp(-1);
        assertEquals((10 * decay - 10) / (10 * decay + 10), tfi.update(1_000_000_000L, -1, 10), 1e-12);
    }

    @Test
    void shouldComputeWindowedRealizedVolatilityAndZScore()
    {
        final RealizedVolatility vol = new RealizedVolatility(2);
        vol.update(100);
        vol.update(110);
        vol.update(99);
        final double r1 = Math.log(110 / 100.0);
        final double r2 = Math.log(99 / 110.0);
        assertEquals(Math.sqrt((r1 * r1 + r2 * r2) / 2), vol.value(), 1e-15);
        vol.update(99);
        assertEquals(Math.sqrt(r2 * r2 / 2), vol.value(), 1e-15, "the oldest return left the window");
        final ZScore z = new ZScore(3);
        z.update(1);
        z.update(2);
        assertEquals((6 - 3) / Math.sqrt((4 + 1 + 9) / 3.0), z.update(6), 1e-12);
    }

    @Test
    void shouldBuildTimeBarsFromTicksClosingOnTimers()
    {
        final List<String> bars = new ArrayList<>();
        final TimeBarBuilder builder = new TimeBarBuilder(3, 60_000_000_000L);
        final long m = 60_000_000_000L;
        builder.onTrade(5, 100, 1, e -> bars.add(bar(e)));
        builder.onTrade(m - 1, 103, 2, e -> bars.add(bar(e)));
        builder.onTrade(m / 2, 99, 3, e -> bars.add(bar(e)));
        builder.onTrade(m + 7, 101, 4, e -> bars.add(bar(e)));
        builder.onTime(3 * m, e -> bars.add(bar(e)));
        builder.onTime(4 * m, e -> bars.add(bar(e)));
        assertEquals(List.of("3@60000000000 o100 h103 l99 c99 v6", "3@120000000000 o101 h101 l101 c101 v4"), bars);
    }

    private static String bar(final Event e)
    {
        return e.instrumentId + "@" + e.timestampNs + " o" + e.open + " h" + e.high + " l" + e.low + " c" + e.price +
            " v" + e.quantity;
    }
}
