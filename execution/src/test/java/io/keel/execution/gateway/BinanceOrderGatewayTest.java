package io.keel.execution.gateway;

import io.keel.testing.FakeBinanceVenue;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.execution.Portfolio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance spot order entry through XChange against a loopback venue speaking Binance's REST format. */
class BinanceOrderGatewayTest
{
    private static final String KEY = "test-key-5c1e0b7a";
    private static final String SECRET = "test-secret-9f3d2e1c4b";
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "BINANCE", AssetClass.CRYPTO_SPOT, 2,
        1, 6, 10, 5 * 100_000_000L, "USDT", "CRYPTO_24_7");

    private final FakeBinanceVenue venue;
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final BinanceOrderGateway gateway;
    private final List<String> reports = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    BinanceOrderGatewayTest() throws IOException
    {
        venue = new FakeBinanceVenue(KEY, SECRET);
        gateway = new BinanceOrderGateway(venue.url(), KEY, SECRET, 400, clock::get);
    }

    @AfterEach
    void close()
    {
        venue.close();
    }

    private void record(final Event report)
    {
        events.add(new Event().copyFrom(report));
        reports.add(report.execType + " " + report.price + "x" + report.quantity + " leaves=" + report.leavesQuantity +
            (report.rejectReason == RejectReason.NONE ? "" : " " + report.rejectReason));
    }

    private static Event order(final long id, final OrderType type, final Side side, final long price, final long qty)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = id;
        intent.side = side;
        intent.orderType = type;
        intent.price = price;
        intent.quantity = qty;
        return intent;
    }

    @Test
    void shouldSendSignedOrdersWithOurClientIdAndBookTheFills()
    {
        gateway.place(order(41, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record); // 0.01 BTC
        assertEquals(List.of("ACKED 0x0 leaves=10000", "FILLED 6500000x10000 leaves=0"), reports);
        assertEquals(List.of("keel-41"), venue.newOrderClientIds, "our id, as newClientOrderId");
        assertEquals(6_500_000L, events.get(1).fee, "0.01 x 65,000 x 1 bp = 0.065 USDT in money units");
        assertTrue(venue.rawRequests.stream().noneMatch(r -> r.contains(SECRET)), "the secret never travels");
        assertTrue(venue.rawRequests.stream().allMatch(r -> r.contains("signature=")), "every request is signed");

        gateway.place(order(42, OrderType.LIMIT, Side.BUY, 64_000_00, 10_000), BTC, this::record);
        assertEquals("ACKED 0x0 leaves=10000", reports.get(2), "a limit under the market rests");
        assertTrue(gateway.cancel(42, Side.BUY, BTC, this::record), venue.rawRequests.toString());
        assertEquals("CANCELED 0x0 leaves=0", reports.get(3));
        assertEquals("CANCELED", venue.orders.get("keel-42").status());
    }

    @Test
    void shouldMakeALostAnswerUnknownAndResolveItByQueryNeverByResending()
    {
        venue.delayNextMs = 1_500; // the venue takes the order, the answer misses the 400 ms timeout
        gateway.place(order(7, OrderType.MARKET, Side.SELL, 0, 20_000), BTC, this::record);
        assertEquals(List.of("UNKNOWN 0x0 leaves=20000"), reports);
        assertTrue(gateway.resolve(7, Side.SELL, 0, BTC, this::record));
        assertEquals("FILLED 6500000x20000 leaves=0", reports.get(1), "found by its client id, filled");
        assertEquals(List.of("keel-7"), venue.newOrderClientIds, "sent exactly once");
    }

    /** Books reports as the decision chain does: fills, and commissions taken in the instrument. */
    private Portfolio book(final long initialCash)
    {
        final Portfolio book = new Portfolio(List.of(BTC), initialCash);
        for (final Event e : events)
        {
            if (e.execType == ExecType.FEE_IN_KIND)
            {
                book.onFeeInKind(e.instrumentId, e.price, e.quantity);
            }
            else if ((e.execType == ExecType.FILLED || e.execType == ExecType.PARTIALLY_FILLED) && e.quantity > 0)
            {
                book.onFill(e.instrumentId, e.side, e.price, e.quantity, e.fee);
            }
        }
        return book;
    }

    @Test
    void shouldBookACommissionTakenInTheBaseAssetSoTheBookMatchesTheVenueBalance()
    {
        venue.commissionAsset = "BTC"; // Binance without BNB: a buy pays 0.1 % of the BTC it receives
        final long cash = gateway.snapshot(List.of(BTC)).cashMoney();
        gateway.place(order(1, OrderType.MARKET, Side.BUY, 0, 12_300), BTC, this::record);
        assertEquals(List.of("ACKED 0x0 leaves=12300", "FILLED 6500000x12300 leaves=0", "FEE_IN_KIND 6500000x13 " +
            "leaves=0"), reports, "0.0000123 BTC taken: 13 units at scale 6, rounded up (never believe we hold more)");
        assertEquals(0, events.get(1).fee, "nothing charged in USDT");
        venue.delayNextMs = 1_500; // the second buy's answer is lost: its commission is found by the query
        gateway.place(order(2, OrderType.MARKET, Side.BUY, 0, 12_300), BTC, this::record);
        assertTrue(gateway.resolve(2, Side.BUY, 0, BTC, this::record));
        assertEquals("FEE_IN_KIND 6500000x12 leaves=0", reports.get(reports.size() - 1),
            "0.0000246 BTC in all rounds up to 25 units, 13 of them reported already");
        assertTrue(gateway.resolve(2, Side.BUY, 12_300, BTC, this::record), "asked again: nothing new");
        assertEquals(6, reports.size(), reports.toString());
        gateway.place(order(3, OrderType.MARKET, Side.SELL, 0, 10_000), BTC, this::record);

        final Portfolio book = book(cash);
        final VenueSnapshot venueSays = gateway.snapshot(List.of(BTC));
        assertEquals(new BigDecimal("0.0145754"), venue.balances.get("BTC").stripTrailingZeros(),
            "the venue's balance has more decimals than the instrument");
        assertEquals(venueSays.positions().get(0), book.positionQuantity(0), "position = balance rounded down");
        assertEquals(14_575, book.positionQuantity(0));
        assertEquals(venueSays.cashMoney(), book.cash(), "cash to the last money unit");
        assertEquals(162_500_000L, book.fees(0) - events.get(events.size() - 1).fee,
            "the BTC taken is a fee at its value: 25 units x 65,000 = 1.625 USDT");
    }

    @Test
    void shouldKeepACommissionPaidInBnbOutOfTheQuoteBook()
    {
        venue.commissionAsset = "BNB";
        venue.balances.put("BNB", new BigDecimal("1"));
        final long cash = gateway.snapshot(List.of(BTC)).cashMoney();
        gateway.place(order(1, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals(List.of("ACKED 0x0 leaves=10000", "FILLED 6500000x10000 leaves=0"), reports);
        assertEquals(0, events.get(1).fee);
        assertEquals(Map.of("BNB", new BigDecimal("0.00010833")), gateway.commissionsInOtherAssets(),
            "0.065 USDT of commission at 600 USDT/BNB, reported in BNB");
        final Portfolio book = book(cash);
        assertEquals(gateway.snapshot(List.of(BTC)).cashMoney(), book.cash());
        assertEquals(10_000, book.positionQuantity(0));
    }

    @Test
    void shouldRejectAnUnknownOrderTheVenueNeverTook()
    {
        venue.failNext.add(503); // refused before it was taken
        gateway.place(order(8, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals(List.of("UNKNOWN 0x0 leaves=10000"), reports, "a 5xx says nothing about the order's fate");
        assertTrue(gateway.resolve(8, Side.BUY, 0, BTC, this::record));
        assertEquals("REJECTED 0x0 leaves=0 UNKNOWN_ORDER", reports.get(1));
        assertTrue(venue.newOrderClientIds.isEmpty(), "and nothing was re-sent");
    }

    @Test
    void shouldPauseForRetryAfterOn429AndHaltOn418()
    {
        venue.failNext.add(429);
        gateway.place(order(1, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        final long afterFirst = venue.requests.get();
        gateway.place(order(2, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals(List.of("REJECTED 0x0 leaves=0 THROTTLED", "REJECTED 0x0 leaves=0 THROTTLED"), reports);
        assertEquals(afterFirst, venue.requests.get(), "nothing sent during the 2 s Retry-After");
        clock.addAndGet(2_000_000_000L);
        gateway.place(order(3, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals("FILLED 6500000x10000 leaves=0", reports.get(3), "after the pause it goes");

        venue.failNext.add(418);
        gateway.place(order(4, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertTrue(gateway.halted(), "banned: the venue is halted for this process");
        clock.addAndGet(3_600_000_000_000L);
        final long beforeHalted = venue.requests.get();
        gateway.place(order(5, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals("REJECTED 0x0 leaves=0 KILL_SWITCH", reports.get(reports.size() - 1));
        assertEquals(beforeHalted, venue.requests.get(), "even an hour later, nothing is sent");
    }

    @Test
    void shouldKeepUnderThePublishedOrderRateOnOurSide()
    {
        for (int i = 0; i < BinanceOrderGateway.ORDERS_PER_10S + 1; i++)
        {
            gateway.place(order(100 + i, OrderType.LIMIT, Side.BUY, 60_000_00, 10_000), BTC, this::record);
        }
        assertEquals("REJECTED 0x0 leaves=0 THROTTLED", reports.get(reports.size() - 1));
        assertEquals(BinanceOrderGateway.ORDERS_PER_10S, venue.newOrderClientIds.size(), "the 101st never left");
        assertFalse(gateway.halted());
        clock.addAndGet(10_000_000_000L);
        gateway.place(order(999, OrderType.LIMIT, Side.BUY, 60_000_00, 10_000), BTC, this::record);
        assertEquals("ACKED 0x0 leaves=10000", reports.get(reports.size() - 1), "ten seconds later");
    }

    @Test
    void shouldBeRefusedWithAWrongSecretAndSayItIsAnInvalidOrder() throws IOException
    {
        final BinanceOrderGateway wrong = new BinanceOrderGateway(venue.url(), KEY, "not-the-secret", 400, clock::get);
        wrong.place(order(1, OrderType.MARKET, Side.BUY, 0, 10_000), BTC, this::record);
        assertEquals(List.of("REJECTED 0x0 leaves=0 INVALID_ORDER"), reports, "the venue checked the signature");
        assertTrue(venue.newOrderClientIds.isEmpty());
        assertEquals(ExecType.REJECTED, events.get(0).execType);
    }
}
