package io.keel.risk;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;
import io.keel.core.decision.WorkingOrdersView;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.QualityCode;
import io.keel.core.event.RejectReason;

import java.util.List;

/**
 * L5 pre-trade risk: one stage every order passes before any gateway, with veto power (in the spirit of SEC Rule
 * 15c3-5 and the FIA's 2015 guide to automated trading risk controls). In order:
 * <ol>
 *   <li>malformed (no side, non-positive quantity or price);</li>
 *   <li>halts that block only risk-increasing orders, so a position can always be reduced: the latched kill switch,
 *       a data-quality halt of the instrument, the volatility and feed-divergence breakers, the daily loss stop and
 *       the drawdown stop;</li>
 *   <li>venue filters: tick size, lot size (step);</li>
 *   <li>max order quantity, max order notional, price collar against the reference (mid);</li>
 *   <li>position limit, gross and net exposure after the order (risk-increasing only);</li>
 *   <li>aggregate credit: working orders, open and UNKNOWN, plus this one;</li>
 *   <li>self-trade prevention: no order that would cross one of our own working orders;</li>
 *   <li>venue min notional, duplicate-order window, new-order message rate; and the runaway-order guard, which
 *       trips the kill switch.</li>
 * </ol>
 * Each veto is a typed {@link RejectReason} in the decision record. Every halt and reset is told to the
 * {@link RiskListener} (the audit log). Allocation-free per check; single-threaded (decision thread).
 */
public final class PreTradeRisk
{
    private static final long NS_PER_DAY = 86_400_000_000_000L;

    private final InstrumentSpec[] specs;
    private final RiskLimits limits;
    private long maxOrderNotional;
    private long maxPositionNotional;
    private long dailyLossStop;
    private RiskListener listener = RiskListener.NONE;

    private boolean killSwitch;
    private boolean entriesStopped;
    private long day = Long.MIN_VALUE;
    private long dayStartEquity;
    private long dayPeakEquity;
    private boolean lossStopped;
    private boolean drawdownStopped;
    private boolean lockedIn;
    private long nowNs;
    private long rejects;
    private final int[] haltMask;

    private final VolatilityBreaker volatility;
    private final int[] divergentTrades;

    private final OrderFlow flow;

    private final BookExposure exposure;
    private final VarTracker var;

    /**
     * @param instruments the instruments, id = index.
     * @param limits      limits and thresholds.
     */
    public PreTradeRisk(final List<InstrumentSpec> instruments, final RiskLimits limits)
    {
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.limits = limits;
        this.maxOrderNotional = limits.maxOrderNotional();
        this.maxPositionNotional = limits.maxPositionNotional();
        this.dailyLossStop = limits.dailyLossStop();
        final int n = specs.length;
        this.haltMask = new int[n];
        this.volatility = new VolatilityBreaker(n, limits.volatilityShortNs(), limits.volatilityLongNs());
        this.divergentTrades = new int[n];
        this.flow = new OrderFlow(n, limits);
        this.exposure = new BookExposure(specs, limits);
        this.var = new VarTracker(Math.max(20, limits.varWindowDays()), limits.varConfidence());
    }

    /** @return the UTC day's P&L so far at {@code equityMoney}, money units. */
    public long dayPnl(final long equityMoney)
    {
        return day == Long.MIN_VALUE ? 0 : equityMoney - dayStartEquity;
    }

    /** @return how far {@code equityMoney} is below the day's peak (what the drawdown stop measures), money units. */
    public long intradayDrawdown(final long equityMoney)
    {
        return day == Long.MIN_VALUE ? 0 : Math.max(0, dayPeakEquity - equityMoney);
    }

    /** @return the limits this stage was built with (live changes to the money limits are not reflected). */
    public RiskLimits limits()
    {
        return limits;
    }

    /** Sets who hears of halts and resets (the daemon's audit log). */
    public void listener(final RiskListener riskListener)
    {
        this.listener = riskListener;
    }

    /**
     * Event time moved on and the book was re-marked: rolls the trading day (UTC), tracks the day's peak, and
     * evaluates the daily loss stop, drawdown stop and gain lock-in.
     */
    public void onTime(final long timestampNs, final long equityMoney)
    {
        nowNs = Math.max(nowNs, timestampNs);
        final long today = Math.floorDiv(timestampNs, NS_PER_DAY);
        var.onEquity(today, FixedPoint.toDouble(equityMoney, FixedPoint.MONEY_SCALE));
        if (today != day)
        {
            day = today;
            dayStartEquity = equityMoney;
            dayPeakEquity = equityMoney;
            if (lockedIn)
            {
                lockedIn = false;
                listener.onHalt(timestampNs, -1, RiskListener.Halt.LOCK_IN, false, "new trading day");
            }
        }
        dayPeakEquity = Math.max(dayPeakEquity, equityMoney);
        final boolean loss = dayStartEquity - equityMoney >= dailyLossStop;
        if (loss != lossStopped)
        {
            lossStopped = loss;
            listener.onHalt(timestampNs, -1, RiskListener.Halt.DAILY_LOSS_STOP, loss, loss ?
                "loss since the day's start reached the daily loss stop" : "equity recovered above the loss stop");
        }
        final boolean drawdown = dayPeakEquity - equityMoney >= limits.drawdownStop();
        if (drawdown != drawdownStopped)
        {
            drawdownStopped = drawdown;
            listener.onHalt(timestampNs, -1, RiskListener.Halt.DRAWDOWN_STOP, drawdown, drawdown ?
                "equity fell from the day's peak by the drawdown stop" : "equity recovered within the drawdown stop");
        }
        if (!lockedIn && limits.lockInGain() > 0 && equityMoney - dayStartEquity >= limits.lockInGain())
        {
            lockedIn = true;
            listener.onHalt(timestampNs, -1, RiskListener.Halt.LOCK_IN, true,
                "intraday gain reached the lock-in level: sizes scaled down for the rest of the day");
        }
    }

    /** An instrument's mid changed (the volatility breaker's input). */
    public void onMid(final int instrumentId, final long timestampNs, final double mid)
    {
        if (limits.volatilityHaltRatio() <= 0 || instrumentId < 0 || instrumentId >= specs.length)
        {
            return;
        }
        volatility.onMid(instrumentId, timestampNs, mid);
        final boolean wasHalted = (haltMask[instrumentId] & VOLATILITY_BIT) != 0;
        final double ratio = volatility.ratio(instrumentId);
        // hysteresis: trips above k, clears below 0.8 k, so a ratio hovering at k does not flap
        final boolean halted = wasHalted ? ratio > 0.8 * limits.volatilityHaltRatio() :
            ratio > limits.volatilityHaltRatio();
        if (halted != wasHalted)
        {
            setHalt(instrumentId, VOLATILITY_BIT, halted);
            listener.onHalt(timestampNs, instrumentId, RiskListener.Halt.VOLATILITY, halted, halted ?
                "short-window volatility above " + limits.volatilityHaltRatio() + "x its long-run level" :
                "volatility back under the breaker");
        }
    }

    /**
     * A trade printed; compared with our book's mid (the feed-divergence breaker).
     *
     * @param price trade price in price units.
     * @param mid   our mid in price units (0 when there is no book).
     */
    public void onTrade(final int instrumentId, final long timestampNs, final long price, final long mid)
    {
        if (limits.feedDivergenceTrades() <= 0 || instrumentId < 0 || instrumentId >= specs.length || mid <= 0)
        {
            return;
        }
        final boolean away = Math.abs((double)(price - mid)) * 1e4 > limits.feedDivergenceBps() * mid;
        divergentTrades[instrumentId] = away ? divergentTrades[instrumentId] + 1 : 0;
        final boolean wasHalted = (haltMask[instrumentId] & DIVERGENCE_BIT) != 0;
        final boolean halted = divergentTrades[instrumentId] >= limits.feedDivergenceTrades();
        if (halted != wasHalted)
        {
            setHalt(instrumentId, DIVERGENCE_BIT, halted);
            listener.onHalt(timestampNs, instrumentId, RiskListener.Halt.FEED_DIVERGENCE, halted, halted ?
                limits.feedDivergenceTrades() + " trades in a row printed more than " + limits.feedDivergenceBps() +
                " bps from our mid" : "trades print at our book again");
        }
    }

    private static final int STALE_BIT = 1;
    private static final int GAP_BIT = 2;
    private static final int CROSSED_BIT = 4;
    private static final int EXCHANGE_HALT_BIT = 8;
    private static final int QUALITY_BITS = STALE_BIT | GAP_BIT | CROSSED_BIT | EXCHANGE_HALT_BIT;
    private static final int VOLATILITY_BIT = 16;
    private static final int DIVERGENCE_BIT = 32;

    private void setHalt(final int instrumentId, final int bit, final boolean on)
    {
        haltMask[instrumentId] = on ? haltMask[instrumentId] | bit : haltMask[instrumentId] & ~bit;
    }

    /**
     * Acts on a journaled data-quality flag: a stale feed, a sequence gap (stale book), a crossed book or an exchange
     * trading halt halts risk-increasing orders in that instrument until the same condition clears; the rest of the
     * book trades on. Point findings (bad prints, stub quotes, out-of-order stamps) do not halt: the gate dropped
     * the data.
     */
    public void onQualityFlag(final int instrumentId, final QualityCode code, final boolean raised)
    {
        final int bit = switch (code)
        {
            case STALE_FEED -> STALE_BIT;
            case SEQUENCE_GAP -> GAP_BIT;
            case CROSSED_BOOK -> CROSSED_BIT;
            case TRADING_HALT -> EXCHANGE_HALT_BIT;
            default -> 0;
        };
        if (bit == 0 || instrumentId < 0 || instrumentId >= specs.length)
        {
            return;
        }
        final boolean before = (haltMask[instrumentId] & QUALITY_BITS) != 0;
        setHalt(instrumentId, bit, raised);
        final boolean after = (haltMask[instrumentId] & QUALITY_BITS) != 0;
        if (before != after)
        {
            listener.onHalt(nowNs, instrumentId, RiskListener.Halt.QUALITY, after, code.name());
        }
    }

    /** @return true while any halt (data quality or a breaker) blocks the instrument. */
    public boolean isHalted(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < haltMask.length && haltMask[instrumentId] != 0;
    }

    /** Engages the latched kill switch. */
    public void engageKillSwitch(final String reason)
    {
        if (!killSwitch)
        {
            killSwitch = true;
            listener.onHalt(nowNs, -1, RiskListener.Halt.KILL_SWITCH, true, reason);
        }
    }

    /** Clears the kill switch: an operator's decision, journaled as an operator command. */
    public void resetKillSwitch(final String reason)
    {
        if (killSwitch)
        {
            killSwitch = false;
            listener.onHalt(nowNs, -1, RiskListener.Halt.KILL_SWITCH, false, reason);
        }
    }

    /** Stops (or allows again) new entries: risk-increasing orders are refused while stopped. */
    public void stopEntries(final boolean stop, final String reason)
    {
        if (entriesStopped != stop)
        {
            entriesStopped = stop;
            listener.onHalt(nowNs, -1, RiskListener.Halt.ENTRIES_STOPPED, stop, reason);
        }
    }

    /** @return true while new entries are stopped. */
    public boolean entriesStopped()
    {
        return entriesStopped;
    }

    /** @return true while the kill switch is engaged. */
    public boolean killSwitchEngaged()
    {
        return killSwitch;
    }

    /** @return VaR and CVaR of the book from its daily P&amp;L, and their backtest. */
    public VarTracker var()
    {
        return var;
    }

    /** @return the factor new target sizes are scaled by: below 1 once an intraday gain is locked in. */
    public double sizeScale()
    {
        return lockedIn ? limits.lockInScale() : 1.0;
    }

    /**
     * @return the largest quantity one order may have at this price under the max order quantity and notional,
     *         rounded down to the lot: a larger trade (closing a big position) goes in several orders.
     */
    public long maxOrderQuantity(final InstrumentSpec spec, final long price)
    {
        final long perLot = spec.notional(Math.max(1, price), spec.lotSizeUnits());
        final long lots = perLot <= 0 || perLot == FixedPoint.OVERFLOW ? 0 : maxOrderNotional / perLot;
        final long byNotional = lots > Long.MAX_VALUE / spec.lotSizeUnits() ? Long.MAX_VALUE :
            lots * spec.lotSizeUnits();
        return Math.min(byNotional, limits.maxOrderQuantity()[spec.id()] / spec.lotSizeUnits() * spec.lotSizeUnits());
    }

    /** @return number of vetoed orders. */
    public long rejects()
    {
        return rejects;
    }

    /** Applies a journaled live change of a limit; unknown keys are ignored and reported false. */
    public boolean apply(final ConfigKey key, final long value)
    {
        if (value < 0)
        {
            return false;
        }
        switch (key)
        {
            case MAX_ORDER_NOTIONAL_MONEY -> maxOrderNotional = value;
            case MAX_POSITION_NOTIONAL_MONEY -> maxPositionNotional = value;
            case DAILY_LOSS_STOP_MONEY -> dailyLossStop = value;
            default ->
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks one order; an accepted order is remembered for the duplicate window, the throttle and the runaway
     * guard, so call this only for orders that are sent when it passes.
     *
     * @param quantity       unsigned order quantity in quantity units.
     * @param limit          true for a limit order (its price must be on the tick), false for a market order.
     * @param price          order price in price units (the limit, or the touch for a market order).
     * @param referencePrice the instrument's mid in price units, for the collar.
     * @param timestampNs    event time.
     * @return {@link RejectReason#NONE} when the order may go, else the first failed check.
     */
    public RejectReason check(
        final InstrumentSpec spec, final Side side, final long quantity, final boolean limit, final long price,
        final long referencePrice, final long timestampNs, final PortfolioView book, final WorkingOrdersView orders)
    {
        nowNs = Math.max(nowNs, timestampNs);
        RejectReason verdict = evaluate(spec, side, quantity, limit, price, referencePrice, timestampNs, book, orders);
        if (verdict == RejectReason.NONE && flow.runaway(timestampNs))
        {
            engageKillSwitch("runaway-order guard: more than " + limits.runawayOrdersPerMinute() +
                " new orders in a minute");
            verdict = RejectReason.KILL_SWITCH;
        }
        if (verdict == RejectReason.NONE)
        {
            flow.accept(spec.id(), side, quantity, price, timestampNs); // the duplicate window, throttle, runaway
        }
        else
        {
            rejects++;
        }
        return verdict;
    }

    /**
     * Checks a parent order an execution algorithm will work in children: the same checks on its whole quantity as
     * {@link #check} but nothing is remembered (no duplicate window, throttle or runaway count: each child is checked,
     * and counted, by {@link #check} when it is sent).
     */
    public RejectReason checkParent(
        final InstrumentSpec spec, final Side side, final long quantity, final long price, final long referencePrice,
        final long timestampNs, final PortfolioView book, final WorkingOrdersView orders)
    {
        nowNs = Math.max(nowNs, timestampNs);
        final RejectReason verdict = evaluate(spec, side, quantity, false, price, referencePrice, timestampNs, book,
            orders);
        if (verdict != RejectReason.NONE)
        {
            rejects++;
        }
        return verdict;
    }

    private RejectReason evaluate(
        final InstrumentSpec spec, final Side side, final long quantity, final boolean limit, final long price,
        final long referencePrice, final long timestampNs, final PortfolioView book, final WorkingOrdersView orders)
    {
        final int id = spec.id();
        if (quantity <= 0 || price <= 0 || side == Side.NONE || id < 0 || id >= specs.length)
        {
            return RejectReason.INVALID_ORDER;
        }
        final long position = book.positionQuantity(id);
        final long after = FixedPoint.addOrOverflow(position, side.sign() * quantity);
        if (after == FixedPoint.OVERFLOW)
        {
            return RejectReason.MAX_POSITION;
        }
        // Only a pure reduction (same side, smaller, or flat) is risk-reducing; a flip opens new exposure.
        final boolean increasesRisk = after != 0 &&
            (Long.signum(after) != Long.signum(position) || Math.abs(after) > Math.abs(position));
        if (increasesRisk)
        {
            final RejectReason halted = halts(id);
            if (halted != RejectReason.NONE)
            {
                return halted;
            }
        }
        if (limit && price % spec.tickSizeUnits() != 0)
        {
            return RejectReason.TICK_SIZE;
        }
        if (quantity % spec.lotSizeUnits() != 0)
        {
            return RejectReason.LOT_SIZE;
        }
        if (quantity > limits.maxOrderQuantity()[id])
        {
            return RejectReason.MAX_ORDER_QUANTITY;
        }
        final long notional = spec.notional(price, quantity);
        if (notional == FixedPoint.OVERFLOW || notional > maxOrderNotional)
        {
            return RejectReason.MAX_ORDER_NOTIONAL;
        }
        if (referencePrice <= 0 ||
            Math.abs((double)(price - referencePrice)) * 1e4 > limits.priceCollarBps() * referencePrice)
        {
            return RejectReason.PRICE_COLLAR;
        }
        if (increasesRisk)
        {
            final long positionNotional = spec.notional(price, Math.abs(after));
            if (positionNotional == FixedPoint.OVERFLOW || positionNotional > maxPositionNotional)
            {
                return RejectReason.MAX_POSITION;
            }
            final RejectReason gross = exposure.gross(id, after, price, book);
            if (gross != RejectReason.NONE)
            {
                return gross;
            }
        }
        final RejectReason credit = exposure.credit(id, side, price, notional, orders);
        if (credit != RejectReason.NONE)
        {
            return credit;
        }
        if (notional < spec.minNotionalMoney())
        {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        return flow.check(id, side, quantity, price, timestampNs);
    }

    private RejectReason halts(final int id)
    {
        if (killSwitch)
        {
            return RejectReason.KILL_SWITCH;
        }
        if (entriesStopped)
        {
            return RejectReason.ENTRIES_STOPPED;
        }
        final int mask = haltMask[id];
        if ((mask & QUALITY_BITS) != 0)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if ((mask & VOLATILITY_BIT) != 0)
        {
            return RejectReason.VOLATILITY_HALT;
        }
        if ((mask & DIVERGENCE_BIT) != 0)
        {
            return RejectReason.FEED_DIVERGENCE;
        }
        if (lossStopped)
        {
            return RejectReason.DAILY_LOSS_STOP;
        }
        if (drawdownStopped)
        {
            return RejectReason.DRAWDOWN_STOP;
        }
        return RejectReason.NONE;
    }
}
