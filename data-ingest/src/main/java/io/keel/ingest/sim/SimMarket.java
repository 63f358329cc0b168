package io.keel.ingest.sim;

import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.TradingCalendar;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded stochastic market for every configured instrument, advanced one step at a time in event time.
 *
 * <p>Per instrument: a GARCH(1,1) variance gives volatility clustering; a latent AR(1) order flow {@code f} skews
 * displayed book sizes and the aggressor side now, and drifts the mid by {@code flowPredictability * sigma * f} on
 * the next step ({@code sigma} the step's volatility), so book imbalance carries a little predictive power: with the
 * default 0.1 it explains about 1 % of the next return's variance. Crypto instruments publish a full
 * {@code bookLevels}-deep L2 book as level updates plus trades around the clock; equities publish top-of-book quotes
 * and trades inside their calendar's regular sessions. Timers are published every {@code run.timerIntervalMs}.
 *
 * <p>Single-threaded; {@link #step} allocates nothing except at a session boundary (calendar arithmetic).
 * Same seed and configuration give the same event sequence.
 */
public final class SimMarket
{
    private static final double SECONDS_PER_YEAR = 365.0 * 86_400;
    private static final double FLOW_SIZE_SKEW = 0.6;
    private static final double FLOW_AGGRESSOR_SKEW = 0.3;

    private final KeelConfig.Sim sim;
    private final InstrumentSpec[] specs;
    private final TradingCalendar[] calendars;
    private final long[] levelQuantity;
    private final SplittableRandom random;
    private final Event scratch = new Event();
    private final long stepNs;
    private final long timerIntervalNs;
    private final double longRunVariance;

    private final double[] logMid;
    private final double[] variance;
    private final double[] flow;
    private final double[] lastShock;
    private final long[] sessionEndNs;
    private final long[] bidPrice;
    private final long[] askPrice;
    private long nowNs;
    private long nextTimerNs;
    private long timerId;
    private int nextInstrument;

    /** Builds the market from a validated configuration. */
    public SimMarket(final LoadedConfig loaded)
    {
        this.sim = loaded.config().sim();
        final int n = loaded.instruments().size();
        this.specs = loaded.instruments().toArray(new InstrumentSpec[0]);
        this.calendars = new TradingCalendar[n];
        this.levelQuantity = loaded.levelQuantity().clone();
        this.random = new SplittableRandom(loaded.config().run().seed());
        this.stepNs = Math.max(1, Math.round(1e9 / sim.eventsPerSecond()));
        this.timerIntervalNs = loaded.config().run().timerIntervalMs() * 1_000_000L;
        final double stepSeconds = stepNs / 1e9;
        this.longRunVariance = sim.volatilityAnnual() * sim.volatilityAnnual() * stepSeconds / SECONDS_PER_YEAR;
        this.logMid = new double[n];
        this.variance = new double[n];
        this.flow = new double[n];
        this.lastShock = new double[n];
        this.sessionEndNs = new long[n];
        this.bidPrice = new long[n];
        this.askPrice = new long[n];
        final Instant start = Instant.parse(loaded.config().run().startTime());
        this.nowNs = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        this.nextTimerNs = nowNs + timerIntervalNs;
        for (int i = 0; i < n; i++)
        {
            calendars[i] = TradingCalendar.of(specs[i].calendarId());
            logMid[i] = Math.log(FixedPoint.toDouble(loaded.startPrices()[i], specs[i].priceScale()));
            variance[i] = longRunVariance;
            sessionEndNs[i] = calendars[i].isOpen(nowNs) ? calendars[i].sessionEndNs(nowNs) : Long.MIN_VALUE;
        }
    }

    /** @return event time of the last step, epoch ns. */
    public long nowNs()
    {
        return nowNs;
    }

    /** @return event-time length of one step, ns. */
    public long stepNs()
    {
        return stepNs;
    }

    /** @return best bid of an instrument in price units (0 before its first step). */
    public long bestBid(final int instrumentId)
    {
        return bidPrice[instrumentId];
    }

    /** @return best ask of an instrument in price units (0 before its first step). */
    public long bestAsk(final int instrumentId)
    {
        return askPrice[instrumentId];
    }

    /**
     * Advances the market by one step for the next instrument in turn and publishes what changed.
     *
     * @return the number of events published.
     */
    public int step(final EventSink sink)
    {
        final int id = nextInstrument;
        nextInstrument = (nextInstrument + 1) % specs.length;
        if (id == 0)
        {
            nowNs += stepNs;
        }
        int published = publishTimers(sink);
        if (!inSession(id))
        {
            return published;
        }
        evolve(id);
        if (specs[id].assetClass().isCrypto())
        {
            published += publishBook(id, sink);
        }
        else
        {
            published += publishQuote(id, sink);
        }
        if (random.nextDouble() < sim.tradeProbability())
        {
            published += publishTrade(id, sink);
        }
        return published;
    }

    private int publishTimers(final EventSink sink)
    {
        int published = 0;
        while (nowNs >= nextTimerNs)
        {
            sink.onEvent(scratch.timer(nextTimerNs, ++timerId));
            nextTimerNs += timerIntervalNs;
            published++;
        }
        return published;
    }

    private boolean inSession(final int id)
    {
        if (nowNs < sessionEndNs[id])
        {
            return true;
        }
        final TradingCalendar calendar = calendars[id];
        if (!calendar.isOpen(nowNs))
        {
            final long open = calendar.nextOpenNs(nowNs);
            if (id == 0 && open > nowNs)
            {
                skipClosedTime(open);
            }
            if (!calendar.isOpen(nowNs))
            {
                sessionEndNs[id] = Long.MIN_VALUE;
                return false;
            }
        }
        sessionEndNs[id] = calendar.sessionEndNs(nowNs);
        return true;
    }

    private void skipClosedTime(final long openNs)
    {
        // Event time jumps over the closed market; timers restart at the open (nothing happens overnight).
        nowNs = openNs;
        nextTimerNs = openNs + timerIntervalNs;
    }

    private void evolve(final int id)
    {
        final double shock = lastShock[id];
        final double v = longRunVariance * (1 - sim.garchAlpha() - sim.garchBeta()) +
            sim.garchAlpha() * shock * shock + sim.garchBeta() * variance[id];
        variance[id] = v;
        final double drift = sim.flowPredictability() * Math.sqrt(v) * flow[id];
        final double noise = Math.sqrt(v) * random.nextGaussian();
        lastShock[id] = noise;
        logMid[id] += drift + noise;
        final double phi = sim.flowPersistence();
        flow[id] = phi * flow[id] + Math.sqrt(1 - phi * phi) * random.nextGaussian();

        final InstrumentSpec spec = specs[id];
        final double mid = Math.exp(logMid[id]) * FixedPoint.pow10(spec.priceScale());
        final long tick = spec.tickSizeUnits();
        final long spread = tick * sim.spreadTicks();
        long bid = FixedPoint.roundToTick(Math.round(mid - spread / 2.0), tick, FixedPoint.Rounding.FLOOR);
        bid = Math.max(tick, bid);
        bidPrice[id] = bid;
        askPrice[id] = bid + spread;
    }

    private long displayedQuantity(final int id, final Side side)
    {
        final double skew = FLOW_SIZE_SKEW * Math.tanh(flow[id]) * side.sign();
        final double size = levelQuantity[id] * (1 + skew) * (0.5 + random.nextDouble());
        final long lot = specs[id].lotSizeUnits();
        return Math.max(lot, FixedPoint.roundToLot((long)size, lot));
    }

    private int publishBook(final int id, final EventSink sink)
    {
        final long tick = specs[id].tickSizeUnits();
        for (int level = 0; level < sim.bookLevels(); level++)
        {
            sink.onEvent(scratch.bookLevel(nowNs, id, Side.BUY, level, bidPrice[id] - level * tick,
                displayedQuantity(id, Side.BUY)));
            sink.onEvent(scratch.bookLevel(nowNs, id, Side.SELL, level, askPrice[id] + level * tick,
                displayedQuantity(id, Side.SELL)));
        }
        return 2 * sim.bookLevels();
    }

    private int publishQuote(final int id, final EventSink sink)
    {
        sink.onEvent(scratch.quote(nowNs, id, bidPrice[id], displayedQuantity(id, Side.BUY), askPrice[id],
            displayedQuantity(id, Side.SELL)));
        return 1;
    }

    private int publishTrade(final int id, final EventSink sink)
    {
        final double buyProbability = 0.5 + FLOW_AGGRESSOR_SKEW * Math.tanh(flow[id]);
        final Side aggressor = random.nextDouble() < buyProbability ? Side.BUY : Side.SELL;
        final long price = aggressor == Side.BUY ? askPrice[id] : bidPrice[id];
        final long lot = specs[id].lotSizeUnits();
        final double size = levelQuantity[id] * 0.5 * -Math.log(1 - random.nextDouble());
        final long quantity = Math.max(lot, FixedPoint.roundToLot((long)size, lot));
        sink.onEvent(scratch.trade(nowNs, id, aggressor, price, quantity));
        return 1;
    }
}
