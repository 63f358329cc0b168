package io.keel.risk;

import io.keel.config.LoadedConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreTradeRiskTest
{
    private static final long USD = 100_000_000L;
    private static final long DAY = 86_400_000_000_000L;
    private static final InstrumentSpec AAPL = new InstrumentSpec(0, "AAPL", "SIM", AssetClass.EQUITY, 2, 1, 0, 1,
        10 * USD, "USD", "NYSE");

    private long position;
    private long equity = 100_000 * USD;
    private final PortfolioView book = new PortfolioView()
    {
        @Override
        public long positionQuantity(final int instrumentId)
        {
            return position;
        }

        @Override
        public long equityMoney()
        {
            return equity;
        }
    };
    private final PreTradeRisk risk = new PreTradeRisk(
        new LoadedConfig.Money(100_000 * USD, 10_000 * USD, 15_000 * USD, 2_000 * USD, 0, 0));

    private RejectReason buy(final long shares)
    {
        return risk.check(AAPL, Side.BUY, shares, 100_00, book);
    }

    @Test
    void shouldPassAnOrderInsideEveryLimit()
    {
        risk.onTime(DAY, equity);
        assertEquals(RejectReason.NONE, buy(50));
        assertEquals(0, risk.rejects());
    }

    @Test
    void shouldVetoOrderNotionalPositionAndMinNotional()
    {
        risk.onTime(DAY, equity);
        assertEquals(RejectReason.MAX_ORDER_NOTIONAL, buy(101)); // 10,100 > 10,000
        position = 100;
        assertEquals(RejectReason.MAX_POSITION, buy(60)); // 16,000 > 15,000
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.SELL, 60, 100_00, book), "reducing is fine");
        position = 0;
        assertEquals(RejectReason.BELOW_MIN_NOTIONAL, risk.check(AAPL, Side.BUY, 1, 5_00, book));
        assertEquals(RejectReason.INVALID_ORDER, buy(0));
        assertEquals(4, risk.rejects());
    }

    @Test
    void shouldLatchKillSwitchUntilResetButAllowReducing()
    {
        risk.onTime(DAY, equity);
        risk.engageKillSwitch();
        assertEquals(RejectReason.KILL_SWITCH, buy(1 + 10));
        position = 20;
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.SELL, 20, 100_00, book), "flattening is allowed");
        assertEquals(RejectReason.KILL_SWITCH, risk.check(AAPL, Side.SELL, 40, 100_00, book), "flipping is not");
        risk.onTime(2 * DAY, equity);
        assertEquals(RejectReason.KILL_SWITCH, buy(11), "a new day does not reset the kill switch");
        risk.resetKillSwitch();
        assertEquals(RejectReason.NONE, buy(11));
    }

    @Test
    void shouldStopRiskIncreasingOrdersAfterTheDailyLossAndRearmNextDay()
    {
        risk.onTime(DAY + 1, equity);
        equity -= 2_000 * USD;
        assertEquals(RejectReason.DAILY_LOSS_STOP, buy(11));
        equity += 1;
        assertEquals(RejectReason.NONE, buy(11), "one money unit under the stop");
        equity -= 1;
        risk.onTime(2 * DAY, equity);
        assertEquals(RejectReason.NONE, buy(11), "the next day measures from its own start");
    }

    @Test
    void shouldHaltOnlyTheFlaggedInstrumentUntilTheConditionClears()
    {
        risk.onTime(DAY, equity);
        risk.onQualityFlag(0, io.keel.core.event.QualityCode.SEQUENCE_GAP, true);
        risk.onQualityFlag(0, io.keel.core.event.QualityCode.STALE_FEED, true);
        assertEquals(RejectReason.INSTRUMENT_HALTED, buy(11));
        position = 20;
        assertEquals(RejectReason.NONE, risk.check(AAPL, Side.SELL, 20, 100_00, book), "reducing is allowed");
        position = 0;
        risk.onQualityFlag(0, io.keel.core.event.QualityCode.SEQUENCE_GAP, false);
        assertEquals(RejectReason.INSTRUMENT_HALTED, buy(11), "still stale");
        risk.onQualityFlag(0, io.keel.core.event.QualityCode.STALE_FEED, false);
        assertEquals(RejectReason.NONE, buy(11));
        risk.onQualityFlag(0, io.keel.core.event.QualityCode.BAD_PRINT, true);
        assertEquals(RejectReason.NONE, buy(11), "a dropped bad print does not halt");
        risk.onQualityFlag(3, io.keel.core.event.QualityCode.CROSSED_BOOK, true);
        assertEquals(RejectReason.NONE, buy(11), "another instrument's crossed book does not halt this one");
    }

    @Test
    void shouldApplyJournaledLimitChanges()
    {
        risk.onTime(DAY, equity);
        assertEquals(RejectReason.NONE, buy(50));
        risk.apply(ConfigKey.MAX_ORDER_NOTIONAL_MONEY, 1_000 * USD);
        assertEquals(RejectReason.MAX_ORDER_NOTIONAL, buy(50));
    }
}
