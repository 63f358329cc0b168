package io.keel.execution.algo;

import io.keel.core.Side;

import java.util.List;

/** The built-in execution algorithms. */
public final class Algos
{
    private Algos()
    {
    }

    /** @return one of each, in table order: market, passive, twap, vwap (profile given), pov, iceberg. */
    public static List<ExecutionAlgo> all(final double[] volumeProfile)
    {
        return List.of(new Market(), new Passive("passive", 1, 0.8), new Twap(10), new Vwap(volumeProfile),
            new Pov(0.10), new Passive("iceberg", 5, 0.8));
    }

    private static long touch(final AlgoContext c)
    {
        return c.side() == Side.BUY ? c.bestBid() : c.bestAsk();
    }

    /** True when our passive child no longer stands at the touch (the market moved away from it). */
    private static boolean leftBehind(final AlgoContext c)
    {
        final long price = c.workingPrice();
        final long touch = touch(c);
        return price > 0 && touch > 0 && (c.side() == Side.BUY ? touch > price : touch < price);
    }

    /** Everything at once, crossing the spread. */
    static final class Market implements ExecutionAlgo
    {
        @Override
        public String name()
        {
            return "market";
        }

        @Override
        public void onMarket(final AlgoContext c)
        {
            if (c.unassigned() > 0 && c.working() == 0)
            {
                c.sendMarket(c.unassigned());
            }
        }

        @Override
        public void reset()
        {
        }
    }

    /**
     * Joins the touch showing one {@code parts}-th of the parent at a time (everything when 1; an iceberg when more),
     * refills after fills, reprices when the market moves away, and sends what is left as a market order once
     * {@code escalateAt} of the time has gone.
     */
    static final class Passive implements ExecutionAlgo
    {
        private final String name;
        private final int parts;
        private final double escalateAt;

        Passive(final String name, final int parts, final double escalateAt)
        {
            this.name = name;
            this.parts = parts;
            this.escalateAt = escalateAt;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public void onMarket(final AlgoContext c)
        {
            if (c.elapsed() >= escalateAt)
            {
                if (c.workingPrice() > 0)
                {
                    c.cancelAll();
                }
                else if (c.unassigned() > 0 && c.working() == 0)
                {
                    c.sendMarket(c.unassigned());
                }
                return;
            }
            if (leftBehind(c))
            {
                c.cancelAll();
                return;
            }
            if (c.working() == 0 && c.unassigned() > 0 && touch(c) > 0)
            {
                c.sendLimit(touch(c), Math.min(c.unassigned(), Math.max(c.lot(), c.parentQuantity() / parts)));
            }
        }

        @Override
        public void reset()
        {
        }
    }

    /** Sends a market order for what the schedule says should be done by now and is neither filled nor working. */
    private static void catchUp(final AlgoContext c, final long target)
    {
        final long behind = Math.min(target, c.parentQuantity()) - c.filled() - c.working();
        if (behind >= c.lot() && c.working() == 0)
        {
            c.sendMarket(behind);
        }
    }

    /** Equal slices at equal intervals, each crossing the spread. */
    static final class Twap implements ExecutionAlgo
    {
        private final int slices;

        Twap(final int slices)
        {
            this.slices = slices;
        }

        @Override
        public String name()
        {
            return "twap";
        }

        @Override
        public void onMarket(final AlgoContext c)
        {
            final int due = Math.min(slices, (int)(c.elapsed() * slices) + 1);
            catchUp(c, c.parentQuantity() * due / slices);
        }

        @Override
        public void reset()
        {
        }
    }

    /** Slices that track the expected cumulative volume over the horizon (a profile from history). */
    static final class Vwap implements ExecutionAlgo
    {
        private final double[] cumulative;

        Vwap(final double[] profile)
        {
            double total = 0;
            for (final double v : profile)
            {
                total += v;
            }
            cumulative = new double[profile.length];
            double running = 0;
            for (int i = 0; i < profile.length; i++)
            {
                running += total > 0 ? profile[i] / total : 1.0 / profile.length;
                cumulative[i] = running;
            }
        }

        @Override
        public String name()
        {
            return "vwap";
        }

        @Override
        public void onMarket(final AlgoContext c)
        {
            final int bucket = Math.min(cumulative.length - 1, (int)(c.elapsed() * cumulative.length));
            catchUp(c, (long)(c.parentQuantity() * cumulative[bucket]));
        }

        @Override
        public void reset()
        {
        }
    }

    /** A fixed share of the market's traded volume, then what is left near the end. */
    static final class Pov implements ExecutionAlgo
    {
        private final double rate;

        Pov(final double rate)
        {
            this.rate = rate;
        }

        @Override
        public String name()
        {
            return "pov";
        }

        @Override
        public void onMarket(final AlgoContext c)
        {
            catchUp(c, c.elapsed() >= 0.95 ? c.parentQuantity() : (long)(c.marketVolume() * rate));
        }

        @Override
        public void reset()
        {
        }
    }
}
