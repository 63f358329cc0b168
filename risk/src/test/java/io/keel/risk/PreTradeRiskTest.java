package io.keel.risk;

import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;
import io.keel.core.decision.WorkingOrdersView;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.QualityCode;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per pre-trade rule and per breaker: each fails if its rule is removed. */
class PreTradeRiskTest
{
    private static final long USD = 100_000_000L;
    private static final long DAY = 86_400_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    /** AAPL: cents, whole shares, tick 1 cent, min notional 10 USD. */
    private static final InstrumentSpec AAPL = new InstrumentSpec(0, "AAPL", "SIM", AssetClass.EQUITY, 2, 1, 0, 1,
        10 * USD, "USD", "NYSE");
    /** BTC: cents with a 5-cent tick, 6-decimal quantities in lots of 0.00001, min notional 5 USD. */
    private static final InstrumentSpec BTC = new InstrumentSpec(1, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 5, 6,
        10, 5 * USD, "USDT", "CRYPTO_24_7");

    private final long[] position = new long[2];
    private final long[] mark = {100_00, 60_000_00};
    private long equity = 100_000 * USD;
    private final List<long[]> working = new ArrayList<>(); // instrument, side sign, price, leaves
    private final List<String> halts = new ArrayList<>();

    private final PortfolioView book = new PortfolioView()
    {
        @Override
        public long positionQuantity(final int instrumentId)
        {
            return position[instrumentId];
        }

        @Override
        public long equityMoney()
        {
            return equity;
        }

        @Override
        public long markPrice(final int instrumentId)
        {
            return mark[instrumentId];
        }
    };
    private final WorkingOrdersView orders = visitor ->
    {
        for (final long[] o : working)
        {
            visitor.visit((int)o[0], o[1] > 0 ? Side.BUY : Side.SELL, o[2], o[3]);
        }
    };

    private long now = DAY + 1;
    private static final boolean LIMIT = true;

    private static RiskLimits limits(
        final long[] maxQuantity, final double collarBps, final long gross, final long net, final long credit,
        final long duplicateNs, final int perSecond, final double volRatio, final int divergenceTrades,
        final long drawdown, final long lockIn, final int runaway)
    {
        return new RiskLimits(10_000 * USD, 15_000 * USD, 2_000 * USD, maxQuantity, collarBps, gross, net, credit,
            duplicateNs, perSecond, volRatio, 10 * SECOND, 600 * SECOND, 50, divergenceTrades, drawdown, lockIn, 0.5,
            runaway, 250, 0.99);
    }

    private PreTradeRisk risk(final RiskLimits limits)
    {
        final PreTradeRisk risk = new PreTradeRisk(List.of(AAPL, BTC), limits);
        risk.listener((ts, id, halt, engaged, reason) -> halts.add(halt + (engaged ? "+" : "-") + id));
        risk.onTime(now, equity);
        return risk;
    }

    private PreTradeRisk moneyOnly()
    {
        return risk(RiskLimits.moneyOnly(2, 10_000 * USD, 15_000 * USD, 2_000 * USD));
    }

    private RejectReason order(final PreTradeRisk risk, final InstrumentSpec spec, final Side side, final long qty,
        final long price)
    {
        now += 10 * SECOND; // apart enough for the duplicate window and the throttle unless a test says otherwise
        return risk.check(spec, side, qty, true, price, mark[spec.id()], now, book, orders);
    }

    private RejectReason buyAapl(final PreTradeRisk risk, final long shares)
    {
        return order(risk, AAPL, Side.BUY, shares, 100_00);
    }

    @Test
    void shouldPassAnOrderInsideEveryLimit()
    {
        final PreTradeRisk risk = risk(limits(new long[] {1_000, 2_000_000}, 200, 100_000 * USD, 60_000 * USD,
            60_000 * USD, 200 * MS, 20, 4, 5, 3_000 * USD, 3_000 * USD, 120));
        assertEquals(RejectReason.NONE, buyAapl(risk, 50));
        assertEquals(RejectReason.NONE, order(risk, BTC, Side.SELL, 100_000, 60_000_00));
        assertEquals(0, risk.rejects());
    }

    @Test
    void shouldVetoOrderNotionalPositionAndMinNotional()
    {
        final PreTradeRisk risk = moneyOnly();
        assertEquals(RejectReason.MAX_ORDER_NOTIONAL, buyAapl(risk, 101)); // 10,100 > 10,000
        position[0] = 100;
        assertEquals(RejectReason.MAX_POSITION, buyAapl(risk, 60)); // 16,000 > 15,000
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.SELL, 60, 100_00), "reducing is fine");
        position[0] = 0;
        mark[0] = 5_00;
        assertEquals(RejectReason.BELOW_MIN_NOTIONAL, order(risk, AAPL, Side.BUY, 1, 5_00));
        assertEquals(RejectReason.INVALID_ORDER, buyAapl(risk, 0));
        assertEquals(4, risk.rejects());
    }

    @Test
    void shouldEnforceTheVenueTickAndStep()
    {
        final PreTradeRisk risk = moneyOnly();
        assertEquals(RejectReason.TICK_SIZE, order(risk, BTC, Side.BUY, 100_000, 60_000_03), "5-cent tick");
        now += 10 * SECOND;
        assertEquals(RejectReason.NONE, risk.check(BTC, Side.BUY, 100_000, false, 60_000_03, mark[1], now, book,
            orders), "a market order has no price to put on the tick");
        assertEquals(RejectReason.LOT_SIZE, order(risk, BTC, Side.BUY, 100_005, 60_000_05), "0.00001 step");
        assertEquals(RejectReason.NONE, order(risk, BTC, Side.BUY, 100_010, 60_000_05));
    }

    @Test
    void shouldTellTheLargestOrderTheLimitsAllow()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, 100_000}, 1e9, 0, 0, 0, 0, 1_000, 0, 0,
            Long.MAX_VALUE / 4, 0, 0));
        assertEquals(100, risk.maxOrderQuantity(AAPL, 100_00), "10,000 USD of 100 USD shares");
        assertEquals(100_000, risk.maxOrderQuantity(BTC, 60_000_00), "0.1 BTC by quantity before 10,000 USD");
        assertEquals(RejectReason.NONE, buyAapl(risk, risk.maxOrderQuantity(AAPL, 100_00)));
    }

    @Test
    void shouldCapTheOrderQuantityPerInstrument()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, 100_000}, 1e9, 0, 0, 0, 0, 1_000, 0, 0,
            Long.MAX_VALUE / 4, 0, 0));
        assertEquals(RejectReason.MAX_ORDER_QUANTITY, order(risk, BTC, Side.BUY, 100_010, 60_000_00));
        assertEquals(RejectReason.NONE, order(risk, BTC, Side.BUY, 100_000, 60_000_00));
    }

    @Test
    void shouldRefuseAPriceOutsideTheCollar()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 200, 0, 0, 0, 0, 1_000,
            0, 0, Long.MAX_VALUE / 4, 0, 0));
        assertEquals(RejectReason.PRICE_COLLAR, order(risk, AAPL, Side.BUY, 10, 102_01), "201 bps over the mid");
        assertEquals(RejectReason.PRICE_COLLAR, order(risk, AAPL, Side.SELL, 10, 97_99), "201 bps under it");
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.BUY, 10, 102_00), "exactly at the collar");
        mark[0] = 0;
        assertEquals(RejectReason.PRICE_COLLAR, order(risk, AAPL, Side.BUY, 10, 100_00), "no reference: no order");
    }

    @Test
    void shouldLimitGrossAndNetExposureAcrossInstruments()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 20_000 * USD,
            12_000 * USD, 0, 0, 1_000, 0, 0, Long.MAX_VALUE / 4, 0, 0));
        position[1] = 150_000; // 0.15 BTC long at 60,000 = 9,000 USD
        assertEquals(RejectReason.NET_EXPOSURE, buyAapl(risk, 40), "9,000 + 4,000 long = 13,000 net");
        assertEquals(RejectReason.NONE, buyAapl(risk, 30), "12,000 net");
        position[0] = -100; // 10,000 short AAPL: net -1,000, gross 19,000
        assertEquals(RejectReason.GROSS_EXPOSURE, order(risk, AAPL, Side.SELL, 20, 100_00), "gross 21,000");
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.BUY, 20, 100_00), "reducing the short");
    }

    @Test
    void shouldCountOpenAndUnknownOrdersAgainstTheCreditLimit()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 12_000 * USD,
            0, 1_000, 0, 0, Long.MAX_VALUE / 4, 0, 0));
        working.add(new long[] {1, 1, 59_000_00, 100_000}); // a resting 0.1 BTC buy: 5,900 USD (UNKNOWN or not)
        working.add(new long[] {0, 1, 99_00, 20}); // 1,980 USD
        assertEquals(RejectReason.CREDIT_LIMIT, buyAapl(risk, 42), "7,880 + 4,200 > 12,000");
        assertEquals(RejectReason.NONE, buyAapl(risk, 41), "7,880 + 4,100");
    }

    @Test
    void shouldNeverTradeAgainstOurOwnOrders()
    {
        final PreTradeRisk risk = moneyOnly();
        working.add(new long[] {0, -1, 100_00, 10}); // our sell resting at 100.00
        assertEquals(RejectReason.SELF_TRADE, order(risk, AAPL, Side.BUY, 5, 100_00));
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.BUY, 5, 99_99), "below our offer: no cross");
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.SELL, 5, 100_00), "same side stacks");
        working.add(new long[] {1, 1, 0, 100_000}); // a market buy of ours in flight on BTC
        assertEquals(RejectReason.SELF_TRADE, order(risk, BTC, Side.SELL, 100_000, 60_000_00));
    }

    @Test
    void shouldRefuseTheSameOrderAgainWithinTheDuplicateWindow()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 200 * MS,
            1_000, 0, 0, Long.MAX_VALUE / 4, 0, 0));
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 10, LIMIT, 100_00, 100_00, now, book, orders));
        assertEquals(RejectReason.DUPLICATE_ORDER,
            risk.check(AAPL, Side.BUY, 10, LIMIT, 100_00, 100_00, now + 199 * MS, book, orders));
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 11, LIMIT, 100_00, 100_00, now + 199 * MS, book, orders),
            "a different quantity is a different order");
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 11, LIMIT, 100_00, 100_00, now + 400 * MS, book, orders),
            "outside the window");
    }

    @Test
    void shouldThrottleTheNewOrderRate()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 3, 0, 0,
            Long.MAX_VALUE / 4, 0, 0));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 10 + i, LIMIT, 100_00, 100_00, now + i * MS, book,
                orders));
        }
        assertEquals(RejectReason.THROTTLED, risk.check(AAPL, Side.BUY, 20, LIMIT, 100_00, 100_00, now + 999 * MS, book,
            orders));
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 20, LIMIT, 100_00, 100_00, now + SECOND, book, orders),
            "a second after the oldest of the three");
    }

    @Test
    void shouldLatchKillSwitchUntilResetButAllowReducing()
    {
        final PreTradeRisk risk = moneyOnly();
        risk.engageKillSwitch("test");
        assertEquals(RejectReason.KILL_SWITCH, buyAapl(risk, 11));
        position[0] = 20;
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.SELL, 20, 100_00), "flattening is allowed");
        assertEquals(RejectReason.KILL_SWITCH, order(risk, AAPL, Side.SELL, 40, 100_00), "flipping is not");
        risk.onTime(3 * DAY, equity);
        position[0] = 0;
        assertEquals(RejectReason.KILL_SWITCH, buyAapl(risk, 11), "a new day does not reset the kill switch");
        risk.resetKillSwitch("operator");
        assertEquals(RejectReason.NONE, buyAapl(risk, 11));
        assertEquals(List.of("KILL_SWITCH+-1", "KILL_SWITCH--1"), halts);
    }

    @Test
    void shouldStopRiskIncreasingOrdersAfterTheDailyLossAndRearmNextDay()
    {
        final PreTradeRisk risk = moneyOnly();
        equity -= 2_000 * USD;
        risk.onTime(now, equity);
        assertEquals(RejectReason.DAILY_LOSS_STOP, buyAapl(risk, 11));
        equity += 1;
        risk.onTime(now, equity);
        assertEquals(RejectReason.NONE, buyAapl(risk, 11), "one money unit under the stop");
        risk.onTime(3 * DAY, equity);
        assertEquals(RejectReason.NONE, buyAapl(risk, 11), "the next day measures from its own start");
        assertEquals(List.of("DAILY_LOSS_STOP+-1", "DAILY_LOSS_STOP--1"), halts);
    }

    @Test
    void shouldStopAfterADrawdownFromTheDaysPeak()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 1_000, 0,
            0, 3_000 * USD, 0, 0));
        equity += 1_500 * USD; // a good morning: the peak is 101,500 and the loss stop (from 100,000) is far
        risk.onTime(now, equity);
        equity -= 3_000 * USD; // 98,500: only 1,500 below the day's start, but 3,000 below its peak
        risk.onTime(now, equity);
        assertEquals(RejectReason.DRAWDOWN_STOP, buyAapl(risk, 11));
        position[0] = 20;
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.SELL, 20, 100_00), "reducing is allowed");
        assertTrue(halts.contains("DRAWDOWN_STOP+-1"), halts.toString());
    }

    @Test
    void shouldLockInALargeIntradayGainBySizingDown()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 1_000, 0,
            0, Long.MAX_VALUE / 4, 3_000 * USD, 0));
        assertEquals(1.0, risk.sizeScale());
        equity += 3_000 * USD;
        risk.onTime(now, equity);
        assertEquals(0.5, risk.sizeScale());
        equity -= 2_000 * USD;
        risk.onTime(now, equity);
        assertEquals(0.5, risk.sizeScale(), "locked in for the rest of the day");
        risk.onTime(3 * DAY, equity);
        assertEquals(1.0, risk.sizeScale(), "a new day");
        assertEquals(List.of("LOCK_IN+-1", "LOCK_IN--1"), halts);
    }

    @Test
    void shouldTripTheKillSwitchWhenOrdersRunAway()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 1_000, 0,
            0, Long.MAX_VALUE / 4, 0, 5));
        for (int i = 0; i < 5; i++)
        {
            assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 10 + i, LIMIT, 100_00, 100_00, now + i * SECOND, book,
                orders));
        }
        assertFalse(risk.killSwitchEngaged());
        assertEquals(RejectReason.KILL_SWITCH, risk.check(AAPL, Side.BUY, 20, LIMIT, 100_00, 100_00, now + 59 * SECOND,
            book, orders), "the sixth new order within a minute");
        assertTrue(risk.killSwitchEngaged(), "latched: only an operator resets it");
        assertEquals(List.of("KILL_SWITCH+-1"), halts);
    }

    @Test
    void shouldHaltAnInstrumentWhileItsShortTermVolatilityExplodes()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 1_000, 4,
            0, Long.MAX_VALUE / 4, 0, 0));
        long t = now;
        double mid = 100;
        // 20 minutes of a calm market: +-1 bp a second
        for (int i = 0; i < 1_200; i++)
        {
            mid *= i % 2 == 0 ? 1.0001 : 0.9999;
            risk.onMid(0, t += SECOND, mid);
        }
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 10, LIMIT, 100_00, 100_00, t, book, orders));
        // then +-30 bp a second
        for (int i = 0; i < 20; i++)
        {
            mid *= i % 2 == 0 ? 1.003 : 0.997;
            risk.onMid(0, t += SECOND, mid);
        }
        assertEquals(RejectReason.VOLATILITY_HALT, risk.check(AAPL, Side.BUY, 11, LIMIT, 100_00, 100_00, t, book, orders));
        assertEquals(RejectReason.NONE, risk.check(BTC, Side.BUY, 100_000, LIMIT, 60_000_00, 60_000_00, t, book, orders),
            "only that instrument");
        // calm again: the short window forgets the burst within minutes
        for (int i = 0; i < 300; i++)
        {
            mid *= i % 2 == 0 ? 1.0001 : 0.9999;
            risk.onMid(0, t += SECOND, mid);
        }
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.BUY, 12, LIMIT, 100_00, 100_00, t, book, orders));
        assertEquals(List.of("VOLATILITY+0", "VOLATILITY-0"), halts);
    }

    @Test
    void shouldHaltWhileTradesPrintAwayFromOurBook()
    {
        final PreTradeRisk risk = risk(limits(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 1e9, 0, 0, 0, 0, 1_000, 0,
            3, Long.MAX_VALUE / 4, 0, 0));
        risk.onTrade(0, now, 100_60, 100_00); // 60 bps away (limit 50)
        risk.onTrade(0, now, 100_70, 100_00);
        assertEquals(RejectReason.NONE, buyAapl(risk, 10), "two in a row: not yet");
        risk.onTrade(0, now, 99_30, 100_00);
        assertEquals(RejectReason.FEED_DIVERGENCE, buyAapl(risk, 11), "three: our book is not where the market is");
        risk.onTrade(0, now, 100_01, 100_00);
        assertEquals(RejectReason.NONE, buyAapl(risk, 12), "a trade at our book again");
        assertEquals(List.of("FEED_DIVERGENCE+0", "FEED_DIVERGENCE-0"), halts);
    }

    @Test
    void shouldHaltOnlyTheFlaggedInstrumentUntilTheConditionClears()
    {
        final PreTradeRisk risk = moneyOnly();
        risk.onQualityFlag(0, QualityCode.SEQUENCE_GAP, true);
        risk.onQualityFlag(0, QualityCode.STALE_FEED, true);
        assertEquals(RejectReason.INSTRUMENT_HALTED, buyAapl(risk, 11));
        position[0] = 20;
        assertEquals(RejectReason.NONE, order(risk, AAPL, Side.SELL, 20, 100_00), "reducing is allowed");
        position[0] = 0;
        risk.onQualityFlag(0, QualityCode.SEQUENCE_GAP, false);
        assertEquals(RejectReason.INSTRUMENT_HALTED, buyAapl(risk, 11), "still stale");
        risk.onQualityFlag(0, QualityCode.STALE_FEED, false);
        assertEquals(RejectReason.NONE, buyAapl(risk, 11));
        risk.onQualityFlag(0, QualityCode.BAD_PRINT, true);
        assertEquals(RejectReason.NONE, buyAapl(risk, 11), "a dropped bad print does not halt");
        risk.onQualityFlag(1, QualityCode.CROSSED_BOOK, true);
        assertEquals(RejectReason.NONE, buyAapl(risk, 11), "another instrument's crossed book does not halt this one");
        assertEquals(List.of("QUALITY+0", "QUALITY-0", "QUALITY+1"), halts);
    }

    @Test
    void shouldApplyJournaledLimitChanges()
    {
        final PreTradeRisk risk = moneyOnly();
        assertEquals(RejectReason.NONE, buyAapl(risk, 50));
        assertTrue(risk.apply(ConfigKey.MAX_ORDER_NOTIONAL_MONEY, 1_000 * USD));
        assertEquals(RejectReason.MAX_ORDER_NOTIONAL, buyAapl(risk, 50));
        assertFalse(risk.apply(ConfigKey.MAX_ORDER_NOTIONAL_MONEY, -1), "a negative limit is refused");
    }
}
