package io.keel.execution.algo;

import io.keel.core.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each algorithm's child orders on a scripted book, fills applied instantly by the fake context. */
class AlgosTest
{
    /** A context whose market children fill at once and whose limit children rest until told. */
    private static final class Fake implements AlgoContext
    {
        final List<String> sent = new ArrayList<>();
        long now;
        long filled;
        long working;
        long workingPrice;
        long lastChild = NO_CHILD_YET;
        long bid = 100_00;
        long ask = 100_02;
        long volume;
        final long parent;

        Fake(final long parent)
        {
            this.parent = parent;
        }

        @Override
        public long nowNs()
        {
            return now;
        }

        @Override
        public long startNs()
        {
            return 0;
        }

        @Override
        public long endNs()
        {
            return 100;
        }

        @Override
        public Side side()
        {
            return Side.BUY;
        }

        @Override
        public long parentQuantity()
        {
            return parent;
        }

        @Override
        public long filled()
        {
            return filled;
        }

        @Override
        public long working()
        {
            return working;
        }

        @Override
        public long bestBid()
        {
            return bid;
        }

        @Override
        public long bestAsk()
        {
            return ask;
        }

        @Override
        public long workingPrice()
        {
            return workingPrice;
        }

        @Override
        public long marketVolume()
        {
            return volume;
        }

        @Override
        public long lot()
        {
            return 1;
        }

        @Override
        public void sendMarket(final long quantity)
        {
            sent.add("M" + quantity + "@" + now);
            filled += quantity;
            lastChild = now;
        }

        @Override
        public void sendLimit(final long price, final long quantity)
        {
            sent.add("L" + quantity + "x" + price + "@" + now);
            working += quantity;
            workingPrice = price;
            lastChild = now;
        }

        @Override
        public long lastChildNs()
        {
            return lastChild;
        }

        @Override
        public void cancelAll()
        {
            sent.add("C@" + now);
            working = 0;
            workingPrice = 0;
        }

        void fillPassive(final long quantity)
        {
            working -= quantity;
            filled += quantity;
            if (working == 0)
            {
                workingPrice = 0;
            }
        }
    }

    private static void run(final ExecutionAlgo algo, final Fake c, final int step)
    {
        for (c.now = 0; c.now <= 100; c.now += step)
        {
            algo.onMarket(c);
        }
    }

    @Test
    void shouldSendEverythingAtOnceForMarket()
    {
        final Fake c = new Fake(1_000);
        run(new Algos.Market(), c, 10);
        assertEquals(List.of("M1000@0"), c.sent);
    }

    @Test
    void shouldSliceTwapEvenlyOverTheHorizon()
    {
        final Fake c = new Fake(1_000);
        run(new Algos.Twap(10), c, 5);
        assertEquals(10, c.sent.size(), c.sent.toString());
        assertTrue(c.sent.stream().allMatch(s -> s.startsWith("M100@")), c.sent.toString());
        assertEquals("M100@90", c.sent.get(9));
        assertEquals(1_000, c.filled);
    }

    @Test
    void shouldFollowTheVolumeProfileForVwap()
    {
        final Fake c = new Fake(1_000);
        // history says 70 % of the volume trades in the first half
        final ExecutionAlgo vwap = new Algos.Vwap(10);
        vwap.volumeProfile(new double[] {7, 0, 0, 0, 0, 3, 0, 0, 0, 0});
        run(vwap, c, 10);
        assertEquals(List.of("M700@0", "M300@50"), c.sent);
    }

    @Test
    void shouldParticipateInTheTradedVolumeForPov()
    {
        final Fake c = new Fake(1_000);
        final ExecutionAlgo pov = new Algos.Pov(0.10);
        c.volume = 2_000;
        pov.onMarket(c);
        c.now = 50;
        c.volume = 5_000;
        pov.onMarket(c);
        assertEquals(List.of("M200@0", "M300@50"), c.sent, "10 % of what the market traded");
        c.now = 96;
        pov.onMarket(c);
        assertEquals("M500@96", c.sent.get(2), "what is left near the end");
    }

    @Test
    void shouldJoinTheTouchRepriceWhenLeftBehindAndEscalate()
    {
        final Fake c = new Fake(1_000);
        final ExecutionAlgo passive = new Algos.Passive("passive", 1, 0.8);
        passive.onMarket(c);
        assertEquals(List.of("L1000x10000@0"), c.sent);
        c.fillPassive(400);
        c.now = 4;
        c.bid = 100_01; // the bid moved up without us
        passive.onMarket(c);
        assertEquals(List.of("L1000x10000@0"), c.sent, "a child rests a twentieth of the horizon before a reprice");
        c.now = 10;
        passive.onMarket(c);
        passive.onMarket(c);
        assertEquals(List.of("L1000x10000@0", "C@10", "L600x10001@10"), c.sent);
        c.now = 80;
        passive.onMarket(c);
        passive.onMarket(c);
        assertEquals(List.of("L1000x10000@0", "C@10", "L600x10001@10", "C@80", "M600@80"), c.sent);
        assertEquals(1_000, c.filled);
    }

    @Test
    void shouldShowOnlyAFifthAtATimeForIceberg()
    {
        final Fake c = new Fake(1_000);
        final ExecutionAlgo iceberg = new Algos.Passive("iceberg", 5, 0.8);
        iceberg.onMarket(c);
        c.fillPassive(200);
        c.now = 1;
        iceberg.onMarket(c);
        assertEquals(List.of("L200x10000@0", "L200x10000@1"), c.sent);
    }
}
