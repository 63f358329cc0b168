package io.keel.execution.algo;

import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;

import java.util.ArrayList;
import java.util.List;

/** The built-in execution algorithms. */
public final class Algos
{
    /**
     * Children are at least this fraction (1/n) of the parent's horizon apart, and a passive child rests that long
     * before it is repriced: a child on every tick would be a message storm the throttle and the runaway guard stop.
     */
    static final int MIN_REST_PARTS = 20;

    private Algos()
    {
    }

    /** @return one of each, in table order: market, passive, twap, vwap (profile given), pov, iceberg. */
    public static List<ExecutionAlgo> all(final double[] volumeProfile)
    {
        final List<ExecutionAlgo> algos = new ArrayList<>();
        for (final AlgoKind kind : AlgoKind.values())
        {
            if (kind != AlgoKind.DIRECT)
            {
                final ExecutionAlgo algo = of(kind, volumeProfile.length);
                algo.volumeProfile(volumeProfile);
                algos.add(algo);
            }
        }
        return List.copyOf(algos);
    }

    /**
     * @param profileBuckets buckets of the volume profile a VWAP follows (given per parent).
     * @return a fresh algorithm of a kind (not {@link AlgoKind#DIRECT}, which has none).
     */
    public static ExecutionAlgo of(final AlgoKind kind, final int profileBuckets)
    {
        return switch (kind)
        {
            case MARKET -> new Market();
            case PASSIVE -> new Passive("passive", 1, 0.8);
            case TWAP -> new Twap(10);
            case VWAP -> new Vwap(profileBuckets);
            case POV -> new Pov(0.10);
            case ICEBERG -> new Passive("iceberg", 5, 0.8);
            case DIRECT -> throw new IllegalArgumentException("direct orders have no execution algorithm");
        };
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
     * refills after fills, reprices when the market moved away and the child has rested a twentieth of the horizon
     * (not on every tick), and sends what is left as a market order once {@code escalateAt} of the time has gone.
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
            if (leftBehind(c) && paced(c))
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

    /** True once the last child is a twentieth of the horizon old (or there was none). */
    private static boolean paced(final AlgoContext c)
    {
        return c.nowNs() - c.lastChildNs() >= (c.endNs() - c.startNs()) / MIN_REST_PARTS;
    }

    /**
     * Sends a market order for what the schedule says should be done by now and is neither filled nor working, at
     * most one a twentieth of the horizon.
     */
    private static void catchUp(final AlgoContext c, final long target)
    {
        final long behind = Math.min(target, c.parentQuantity()) - c.filled() - c.working();
        if (behind >= c.lot() && c.working() == 0 && paced(c))
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

        Vwap(final int buckets)
        {
            cumulative = new double[buckets];
            volumeProfile(new double[buckets]); // flat until a profile is given
        }

        @Override
        public void volumeProfile(final double[] profile)
        {
            if (profile.length != cumulative.length)
            {
                throw new IllegalArgumentException("profile of " + profile.length + " buckets, expected " +
                    cumulative.length);
            }
            double total = 0;
            for (final double v : profile)
            {
                total += v;
            }
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
