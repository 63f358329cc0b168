package io.keel.execution;

import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortfolioTest
{
    static final long USD = 100_000_000L; // money units per dollar
    static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 1, 5, 1,
        5 * USD, "USDT", "CRYPTO_24_7");
    static final InstrumentSpec AAPL = new InstrumentSpec(1, "AAPL", "SIM", AssetClass.EQUITY, 2, 1, 0, 1, USD, "USD",
        "NYSE");

    private final Portfolio portfolio = new Portfolio(List.of(BTC, AAPL), 10_000 * USD);

    @AfterEach
    void conservation()
    {
        long marked = 0;
        for (int id = 0; id < 2; id++)
        {
            marked += portfolio.markedValue(id);
        }
        assertEquals(portfolio.cash() + marked, portfolio.equityMoney());
        assertEquals(portfolio.equityMoney() - portfolio.initialCash(),
            portfolio.realizedTotal() + portfolio.unrealizedTotal() - portfolio.feesTotal());
    }

    @Test
    void shouldRealiseProfitOnRoundTripAndChargeFees()
    {
        portfolio.onFill(1, Side.BUY, 100_00, 10, 50); // buy 10 AAPL at 100.00
        portfolio.onFill(1, Side.SELL, 110_00, 4, 20); // sell 4 at 110.00
        portfolio.mark(1, 105_00);
        assertEquals(6, portfolio.positionQuantity(1));
        assertEquals(40 * USD, portfolio.realized(1));
        assertEquals(30 * USD, portfolio.unrealized(1)); // 6 x (105 - 100)
        assertEquals(70, portfolio.feesTotal());
        assertEquals(10_000 * USD - 1000 * USD + 440 * USD - 70, portfolio.cash());
    }

    @Test
    void shouldBookACommissionTakenInKindAsAFeeThatShrinksThePosition()
    {
        portfolio.onFill(0, Side.BUY, 100_00, 100_000, 0); // 1 BTC at 100.00
        portfolio.onFeeInKind(0, 110_00, 10_000); // the venue keeps 0.1 BTC, worth 11.00 then
        portfolio.mark(0, 110_00);
        assertEquals(90_000, portfolio.positionQuantity(0));
        assertEquals(10_000 * USD - 100 * USD, portfolio.cash(), "no cash moves for a fee in kind");
        assertEquals(11 * USD, portfolio.feesTotal(), "valued at the price it was taken at");
        assertEquals(1, portfolio.fills(), "not a fill");
        assertEquals(10_000 * USD - USD, portfolio.equityMoney(), "0.9 x 110 + 9,900 cash");
    }

    @Test
    void shouldFlipFromLongToShortThroughZero()
    {
        portfolio.onFill(0, Side.BUY, 60_000_00, 50_000, 0); // 0.5 BTC at 60k
        portfolio.onFill(0, Side.SELL, 61_000_00, 80_000, 0); // sell 0.8: close 0.5, open 0.3 short at 61k
        portfolio.mark(0, 60_500_00);
        assertEquals(-30_000, portfolio.positionQuantity(0));
        assertEquals(500 * USD, portfolio.realized(0)); // 0.5 x 1000
        assertEquals(150 * USD, portfolio.unrealized(0)); // short 0.3 from 61000 marked at 60500
    }

    @Test
    void shouldCarryAPositionThroughAForwardSplitWithPnlUnchanged()
    {
        portfolio.onFill(1, Side.BUY, 600_00, 10, 0);
        portfolio.mark(1, 644_00);
        final long equity = portfolio.equityMoney();
        final long unrealized = portfolio.unrealized(1);
        portfolio.applySplit(1, 7, 1); // AAPL 7:1, 2014-06-09
        assertEquals(70, portfolio.positionQuantity(1));
        assertEquals(92_00, portfolio.markPrice(1));
        assertEquals(equity, portfolio.equityMoney());
        assertEquals(unrealized, portfolio.unrealized(1));
    }

    @Test
    void shouldPayCashInLieuOfFractionalSharesInAReverseSplit()
    {
        portfolio.onFill(1, Side.BUY, 1_10, 105, 0); // AIG before its 1:20 reverse split, 2009-07-01
        portfolio.mark(1, 1_20);
        final long equity = portfolio.equityMoney();
        portfolio.applySplit(1, 1, 20);
        assertEquals(5, portfolio.positionQuantity(1), "105 old shares: 5 new, 5 old paid out");
        assertEquals(24_00, portfolio.markPrice(1));
        assertEquals(equity, portfolio.equityMoney(), "cash in lieu at the new mark leaves equity unchanged");
        assertEquals(5 * USD / 10, portfolio.realized(1), "5 old shares bought at 1.10, paid at 1.20");
        portfolio.onFill(1, Side.SELL, 24_00, 5, 0);
        assertEquals(0, portfolio.positionQuantity(1));
    }

    @Test
    void shouldConserveCashUnderRandomFills()
    {
        final long seed = 12345;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++)
        {
            final int id = random.nextInt(2);
            final long price = id == 0 ? 50_000_00 + random.nextInt(2_000_000) : 90_00 + random.nextInt(2_000);
            final long quantity = 1 + random.nextInt(id == 0 ? 100_000 : 500);
            portfolio.onFill(id, random.nextBoolean() ? Side.BUY : Side.SELL, price, quantity, random.nextInt(1000));
            portfolio.mark(id, price + random.nextInt(100) - 50);
            conservation();
        }
    }

    @Test
    void shouldReportPnlPerQuoteCurrencyAndKeepItConsistentWithTheTotals()
    {
        final Portfolio book = new Portfolio(java.util.List.of(BTC, AAPL), 100_000 * USD);
        book.onFill(0, io.keel.core.Side.BUY, 60_000_00, 10_000, 6 * USD); // 0.1 BTC
        book.mark(0, 61_000_00);
        book.onFill(1, io.keel.core.Side.BUY, 100_00, 10, USD);
        book.onFill(1, io.keel.core.Side.SELL, 110_00, 10, USD);
        final java.util.List<Portfolio.CurrencyPnl> pnl = book.byCurrency();
        assertEquals(2, pnl.size(), pnl.toString());
        final Portfolio.CurrencyPnl crypto = pnl.stream().filter(p -> p.currency().equals(BTC.quoteCurrency()))
            .findFirst().orElseThrow();
        final Portfolio.CurrencyPnl stocks = pnl.stream().filter(p -> p.currency().equals(AAPL.quoteCurrency()))
            .findFirst().orElseThrow();
        assertEquals(100 * USD, crypto.unrealized(), "0.1 BTC up 1,000");
        assertEquals(6 * USD, crypto.fees());
        assertEquals(100 * USD, stocks.realized(), "10 shares up 10");
        assertEquals(2 * USD, stocks.fees());
        assertEquals(book.realizedTotal(), crypto.realized() + stocks.realized());
        assertEquals(book.unrealizedTotal(), crypto.unrealized() + stocks.unrealized());
        assertEquals(book.feesTotal(), crypto.fees() + stocks.fees());
    }
}
