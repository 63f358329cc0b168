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

class SimExchangeTest
{
    private final SimExchange exchange = new SimExchange(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500);
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
        assertEquals(1, reports.size(), "a trade at our price is not through it");
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
        final SimExchange bars = new SimExchange(List.of(PortfolioTest.BTC, PortfolioTest.AAPL), 3, 100, 500);
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
}
