package io.keel.risk;

import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.QualityCode;
import io.keel.core.event.RejectReason;

/**
 * Pre-trade checks, in order: kill switch, data-quality halt of the instrument, daily loss stop, max order
 * notional, max position notional, venue min
 * notional. The kill switch and the loss stop block only risk-increasing orders, so a position can always be
 * reduced. The kill switch is latched: only an operator reset clears it. Expected outcomes are values
 * ({@link RejectReason}); allocation-free; single-threaded (decision thread).
 */
public final class PreTradeRisk
{
    private static final long NS_PER_DAY = 86_400_000_000_000L;

    private long maxOrderNotional;
    private long maxPositionNotional;
    private long dailyLossStop;
    private boolean killSwitch;
    private long day = Long.MIN_VALUE;
    private long dayStartEquity;
    private long rejects;
    private int[] haltMask = new int[0];

    /** @param money money limits from the configuration. */
    public PreTradeRisk(final LoadedConfig.Money money)
    {
        this.maxOrderNotional = money.maxOrderNotional();
        this.maxPositionNotional = money.maxPositionNotional();
        this.dailyLossStop = money.dailyLossStop();
    }

    /** Starts a new trading day (UTC) when event time crosses midnight: the loss stop measures from here. */
    public void onTime(final long nowNs, final long equityMoney)
    {
        final long today = Math.floorDiv(nowNs, NS_PER_DAY);
        if (today != day)
        {
            day = today;
            dayStartEquity = equityMoney;
        }
    }

    /**
     * Acts on a journaled data-quality flag: a stale feed, a sequence gap (stale book), a crossed book or an
     * exchange trading halt halts
     * risk-increasing orders in that instrument until the same condition clears; the rest of the book trades on.
     * Point findings (bad prints, stub quotes, out-of-order stamps) do not halt: the gate already dropped the data.
     */
    public void onQualityFlag(final int instrumentId, final QualityCode code, final boolean raised)
    {
        final int bit = switch (code)
        {
            case STALE_FEED -> 1;
            case SEQUENCE_GAP -> 2;
            case CROSSED_BOOK -> 4;
            case TRADING_HALT -> 8;
            default -> 0;
        };
        if (bit == 0 || instrumentId < 0)
        {
            return;
        }
        if (instrumentId >= haltMask.length)
        {
            haltMask = java.util.Arrays.copyOf(haltMask, instrumentId + 1); // cold: once per instrument
        }
        haltMask[instrumentId] = raised ? haltMask[instrumentId] | bit : haltMask[instrumentId] & ~bit;
    }

    /** @return true while a data-quality condition halts the instrument. */
    public boolean isHalted(final int instrumentId)
    {
        return instrumentId < haltMask.length && haltMask[instrumentId] != 0;
    }

    /** Engages the latched kill switch. */
    public void engageKillSwitch()
    {
        killSwitch = true;
    }

    /** Clears the kill switch: an operator's decision, journaled as an operator command. */
    public void resetKillSwitch()
    {
        killSwitch = false;
    }

    /** @return true while the kill switch is engaged. */
    public boolean killSwitchEngaged()
    {
        return killSwitch;
    }

    /** @return number of vetoed orders. */
    public long rejects()
    {
        return rejects;
    }

    /** Applies a journaled live change of a limit; unknown keys are ignored and reported false. */
    public boolean apply(final ConfigKey key, final long value)
    {
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
     * Checks one order.
     *
     * @param quantity unsigned order quantity in quantity units.
     * @param price    reference price in price units (limit, or the touch for market orders).
     * @return {@link RejectReason#NONE} when the order may go, else the first failed check.
     */
    public RejectReason check(
        final InstrumentSpec spec, final Side side, final long quantity, final long price, final PortfolioView book)
    {
        final RejectReason verdict = evaluate(spec, side, quantity, price, book);
        if (verdict != RejectReason.NONE)
        {
            rejects++;
        }
        return verdict;
    }

    private RejectReason evaluate(
        final InstrumentSpec spec, final Side side, final long quantity, final long price, final PortfolioView book)
    {
        if (quantity <= 0 || price <= 0 || side == Side.NONE)
        {
            return RejectReason.INVALID_ORDER;
        }
        final long position = book.positionQuantity(spec.id());
        final long after = FixedPoint.addOrOverflow(position, side.sign() * quantity);
        if (after == FixedPoint.OVERFLOW)
        {
            return RejectReason.MAX_POSITION;
        }
        // Only a pure reduction (same side, smaller, or flat) is risk-reducing; a flip opens new exposure.
        final boolean increasesRisk = after != 0 &&
            (Long.signum(after) != Long.signum(position) || Math.abs(after) > Math.abs(position));
        if (killSwitch && increasesRisk)
        {
            return RejectReason.KILL_SWITCH;
        }
        if (increasesRisk && isHalted(spec.id()))
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (increasesRisk && dayStartEquity - book.equityMoney() >= dailyLossStop)
        {
            return RejectReason.DAILY_LOSS_STOP;
        }
        final long notional = spec.notional(price, quantity);
        if (notional == FixedPoint.OVERFLOW || notional > maxOrderNotional)
        {
            return RejectReason.MAX_ORDER_NOTIONAL;
        }
        final long positionNotional = spec.notional(price, Math.abs(after));
        if (increasesRisk && (positionNotional == FixedPoint.OVERFLOW || positionNotional > maxPositionNotional))
        {
            return RejectReason.MAX_POSITION;
        }
        if (notional < spec.minNotionalMoney())
        {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        return RejectReason.NONE;
    }
}
