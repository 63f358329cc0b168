package io.keel.execution;

import io.keel.core.FixedPoint;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated exchange's rules, run against the fast {@link SimExchange} and the plain {@link ReferenceMatcher}
 * (one suite, two implementations), plus a differential test that feeds both the same random market and orders.
 */
abstract class MatcherContract
{
    /** @return the matcher under test. */
    abstract Matcher create(List<io.keel.core.InstrumentSpec> specs, int depth, long maker, long taker, long latencyNs);

    private final Matcher exchange = create(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500, 0);
    private final List<String> reports = new ArrayList<>();
    private final List<Event> fills = new ArrayList<>();
    private long clientOrderId = 100;

    @BeforeEach
    void book()
    {
        final Event e = new Event();
        for (int level = 0; level < 3; level++)
        {
            exchange.onMarketEvent(e.bookLevel(1, 0, Side.BUY, level, 60_000_00 - level, 10_000), this::record);
            exchange.onMarketEvent(e.bookLevel(1, 0, Side.SELL, level, 60_001_00 + level, 10_000), this::record);
        }
    }

    private void record(final Event report)
    {
        reports.add(report.execType + " " + report.price + "x" + report.quantity + " leaves=" + report.leavesQuantity +
            (report.rejectReason == RejectReason.NONE ? "" : " " + report.rejectReason));
        if (report.execType == ExecType.FILLED || report.execType == ExecType.PARTIALLY_FILLED)
        {
            fills.add(new Event().copyFrom(report));
        }
    }

    private Event order(final Side side, final OrderType type, final long price, final long quantity)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = ++clientOrderId;
        intent.instrumentId = 0;
        intent.side = side;
        intent.orderType = type;
        intent.price = price;
        intent.quantity = quantity;
        return intent;
    }

    @Test
    void shouldWalkTheBookForAMarketOrderAndChargeTakerFee()
    {
        exchange.onOrder(order(Side.BUY, OrderType.MARKET, 0, 25_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=25000", "PARTIALLY_FILLED 6000100x10000 leaves=15000",
            "PARTIALLY_FILLED 6000101x10000 leaves=5000", "FILLED 6000102x5000 leaves=0"), reports);
        final long notional = FixedPoint.notional(60_001_00, 2, 10_000, 5);
        assertEquals(FixedPoint.fee(notional, 500), fills.get(0).fee);
    }

    @Test
    void shouldNeverFillTwoOrdersFromTheSameLiquidity()
    {
        exchange.onOrder(order(Side.BUY, OrderType.MARKET, 0, 30_000), this::record);
        reports.clear();
        exchange.onOrder(order(Side.BUY, OrderType.MARKET, 0, 1), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=1", "CANCELED 0x0 leaves=0 NO_LIQUIDITY"), reports);
    }

    @Test
    void shouldRestALimitOrderUntilATradePrintsThroughIt()
    {
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_00, 5_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=5000"), reports);
        assertEquals(1, exchange.restingCount());
        final Event trade = new Event();
        exchange.onMarketEvent(trade.trade(2, 0, Side.SELL, 60_000_00, 9_000), this::record);
        assertEquals(1, reports.size(), "a trade at our price first eats the 10,000 displayed ahead of us");
        exchange.onMarketEvent(trade.trade(3, 0, Side.SELL, 59_999_99, 3_000), this::record);
        exchange.onMarketEvent(trade.trade(4, 0, Side.SELL, 59_999_98, 3_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=5000", "PARTIALLY_FILLED 6000000x3000 leaves=2000",
            "FILLED 6000000x2000 leaves=0"), reports);
        assertEquals(FixedPoint.fee(FixedPoint.notional(60_000_00, 2, 3_000, 5), 100), fills.get(0).fee);
        assertEquals(0, exchange.restingCount());
    }

    @Test
    void shouldFillTheMarketablePartOfALimitOrderAndRestTheRest()
    {
        exchange.onOrder(order(Side.SELL, OrderType.LIMIT, 59_999_99, 25_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=25000", "PARTIALLY_FILLED 6000000x10000 leaves=15000",
            "PARTIALLY_FILLED 5999999x10000 leaves=5000"), reports);
        assertEquals(1, exchange.restingCount());
    }

    @Test
    void shouldCancelARestingOrderAndRejectAnInvalidOne()
    {
        final Event resting = order(Side.BUY, OrderType.LIMIT, 59_000_00, 1_000);
        exchange.onOrder(resting, this::record);
        final Event cancel = new Event();
        cancel.type = EventType.ORDER_INTENT;
        cancel.command = OperatorCommand.CANCEL_ALL;
        cancel.clientOrderId = resting.clientOrderId;
        exchange.onOrder(cancel, this::record);
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 0, 1_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=1000", "CANCELED 0x0 leaves=0", "REJECTED 0x0 leaves=0 INVALID_ORDER"),
            reports);
        assertEquals(0, exchange.restingCount());
    }

    @Test
    void shouldFillBarOnlyOrdersAtTheNextBarWithoutLookAhead()
    {
        final Matcher bars = create(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500, 0);
        final Event bar = new Event();
        bar.type = EventType.BAR;
        bar.instrumentId = 1;
        bar.timestampNs = 1;
        bar.open = 100_00;
        bar.high = 105_00;
        bar.low = 99_00;
        bar.price = 104_00;
        bars.onMarketEvent(bar, this::record);
        final Event buy = order(Side.BUY, OrderType.MARKET, 0, 10);
        buy.instrumentId = 1;
        final Event sell = order(Side.SELL, OrderType.LIMIT, 108_00, 10);
        sell.instrumentId = 1;
        bars.onOrder(buy, this::record);
        bars.onOrder(sell, this::record);
        assertEquals(List.of("ACKED 0x0 leaves=10", "ACKED 0x0 leaves=10"), reports, "nothing fills at the close " +
            "that triggered the decision");
        bar.timestampNs = 2;
        bar.open = 104_50;
        bar.high = 107_00;
        bar.low = 104_00;
        bars.onMarketEvent(bar, this::record);
        assertEquals("FILLED 10450x10 leaves=0", reports.get(2), "the market order fills at the next open");
        assertEquals(3, reports.size(), "the limit sell at 108 is not reached by a 107 high");
        bar.timestampNs = 3;
        bar.open = 109_00;
        bar.high = 110_00;
        bars.onMarketEvent(bar, this::record);
        assertEquals("FILLED 10900x10 leaves=0", reports.get(3), "gapped through the limit: filled at the open");
        assertEquals(FixedPoint.fee(FixedPoint.notional(104_50, 2, 10, 0), 500), fills.get(0).fee, "taker");
    }

    private final Event trade = new Event();

    private void print(final long ts, final Side aggressor, final long price, final long quantity)
    {
        exchange.onMarketEvent(trade.trade(ts, 0, aggressor, price, quantity), this::record);
    }

    @Test
    void shouldQueueBehindTheDisplayedSizeAndFillWhenTradesReachUs()
    {
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_00, 5_000), this::record); // 10,000 shown ahead
        print(2, Side.SELL, 60_000_00, 10_000);
        assertEquals(1, reports.size(), "the queue ahead is gone, not us");
        print(3, Side.SELL, 60_000_00, 3_000);
        assertEquals("PARTIALLY_FILLED 6000000x3000 leaves=2000", reports.get(1));
        print(4, Side.BUY, 60_000_00, 3_000);
        assertEquals(2, reports.size(), "a buyer lifting the offer at our price does not hit our bid");
    }

    @Test
    void shouldAdvanceInTheQueueWhenOrdersAheadAreCanceled()
    {
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_00, 5_000), this::record); // 10,000 ahead
        final Event e = new Event();
        exchange.onMarketEvent(e.bookLevel(2, 0, Side.BUY, 0, 60_000_00, 20_000), this::record); // 10,000 join behind
        exchange.onMarketEvent(e.bookLevel(3, 0, Side.BUY, 0, 60_000_00, 12_000), this::record); // 8,000 canceled
        // half of the level was ahead of us: half of the cancels were ahead, 6,000 remain ahead
        print(4, Side.SELL, 60_000_00, 6_000);
        assertEquals(1, reports.size());
        print(5, Side.SELL, 60_000_00, 1_000);
        assertEquals("PARTIALLY_FILLED 6000000x1000 leaves=4000", reports.get(1));
    }

    @Test
    void shouldNotCountADecreaseTheTradesExplainAsCancels()
    {
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_00, 5_000), this::record); // 10,000 ahead
        print(2, Side.SELL, 60_000_00, 4_000); // 6,000 ahead
        final Event e = new Event();
        exchange.onMarketEvent(e.bookLevel(3, 0, Side.BUY, 0, 60_000_00, 6_000), this::record); // the trade, shown
        print(4, Side.SELL, 60_000_00, 6_000);
        assertEquals(1, reports.size(), "still 6,000 ahead: the decrease was the trade, not cancels");
        print(5, Side.SELL, 60_000_00, 500);
        assertEquals("PARTIALLY_FILLED 6000000x500 leaves=4500", reports.get(1));
    }

    @Test
    void shouldStandFirstWhenImprovingTheTouchAndShareATradeAmongOurOrders()
    {
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_50, 3_000), this::record);
        exchange.onOrder(order(Side.BUY, OrderType.LIMIT, 60_000_50, 3_000), this::record);
        print(2, Side.SELL, 60_000_50, 4_000);
        assertEquals(List.of("ACKED 0x0 leaves=3000", "ACKED 0x0 leaves=3000", "FILLED 6000050x3000 leaves=0",
            "PARTIALLY_FILLED 6000050x1000 leaves=2000"), reports, "4,000 traded fill 4,000 of ours, never 6,000");
    }

    @Test
    void shouldApplyOrdersAfterTheirLatencyAgainstTheBookThen()
    {
        final Matcher slow = create(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500, 5_000_000);
        final Event e = new Event();
        slow.onMarketEvent(e.bookLevel(1_000_000, 0, Side.SELL, 0, 60_001_00, 10_000), this::record);
        final Event buy = order(Side.BUY, OrderType.MARKET, 0, 1_000);
        buy.timestampNs = 1_000_000;
        slow.onOrder(buy, this::record);
        assertEquals(List.of(), reports, "on its way");
        slow.onMarketEvent(e.bookLevel(3_000_000, 0, Side.SELL, 0, 60_002_00, 10_000), this::record);
        assertEquals(List.of(), reports, "2 ms later: not there yet");
        slow.onMarketEvent(e.bookLevel(6_000_000, 0, Side.SELL, 0, 60_003_00, 10_000), this::record);
        assertEquals(List.of("ACKED 0x0 leaves=1000", "FILLED 6000200x1000 leaves=0"), reports,
            "arrived at 6 ms, before that event: filled at the offer of 3 ms");
        assertEquals(6_000_000, fills.get(0).timestampNs, "stamped with the arrival time");
    }

    @Test
    void shouldAgreeWithTheOtherImplementationOnRandomMarkets()
    {
        long fillsSeen = 0;
        for (final long latency : new long[] {0, 3_000_000})
        {
            for (int seed = 1; seed <= 30; seed++)
            {
                final List<String> mine = new ArrayList<>();
                final List<String> reference = new ArrayList<>();
                final Matcher a = create(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500, latency);
                final Matcher b = new ReferenceMatcher(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500,
                    latency);
                RandomMarket.play(seed, a, r -> mine.add(r.toString()), b, r -> reference.add(r.toString()));
                assertEquals(reference, mine, "seed " + seed + ", latency " + latency);
                assertEquals(b.restingCount(), a.restingCount());
                fillsSeen += mine.stream().filter(r -> r.startsWith("EXECUTION_REPORT") && r.contains("FILLED")).count();
            }
        }
        assertTrue(fillsSeen > 3_000, "the random markets exercise the fills: " + fillsSeen);
    }

    @Test
    void shouldCancelAndReplaceARestingOrderAndRefuseToReplaceAFinishedOne()
    {
        final Event first = order(Side.BUY, OrderType.LIMIT, 59_999_00, 5_000);
        exchange.onOrder(first, this::record);
        final Event replacement = order(Side.BUY, OrderType.LIMIT, 60_000_50, 4_000); // improve the price
        replacement.command = OperatorCommand.REPLACE;
        replacement.value = first.clientOrderId;
        exchange.onOrder(replacement, this::record);
        assertEquals(List.of("ACKED 0x0 leaves=5000", "CANCELED 0x0 leaves=0", "ACKED 0x0 leaves=4000"), reports);
        assertEquals(1, exchange.restingCount());
        print(2, Side.SELL, 60_000_50, 1_000);
        assertEquals("PARTIALLY_FILLED 6000050x1000 leaves=3000", reports.get(3), "first in the new queue");
        final Event again = order(Side.BUY, OrderType.LIMIT, 60_000_60, 1_000);
        again.command = OperatorCommand.REPLACE;
        again.value = first.clientOrderId; // already replaced: nothing rests under that id
        exchange.onOrder(again, this::record);
        assertEquals("REJECTED 0x0 leaves=0 UNKNOWN_ORDER", reports.get(4));
        assertEquals(1, exchange.restingCount());
    }
}
