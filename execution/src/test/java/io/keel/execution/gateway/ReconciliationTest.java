package io.keel.execution.gateway;

import io.keel.testing.FakeBinanceVenue;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OrderType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the journal says against what a loopback Binance says: balances, positions, open orders. */
class ReconciliationTest
{
    private static final long USD = 100_000_000L;
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "BINANCE", AssetClass.CRYPTO_SPOT, 2,
        1, 6, 10, 5 * USD, "USDT", "CRYPTO_24_7");

    private final FakeBinanceVenue venue = new FakeBinanceVenue("k", "s");
    private final BinanceOrderGateway gateway = new BinanceOrderGateway(venue.url(), "k", "s", 400,
        System::nanoTime);

    ReconciliationTest() throws IOException
    {
    }

    @AfterEach
    void close()
    {
        venue.close();
    }

    private void place(final long id, final OrderType type, final long price)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = id;
        intent.side = Side.BUY;
        intent.orderType = type;
        intent.price = price;
        intent.quantity = 100_000; // 0.1 BTC
        gateway.place(intent, BTC, report -> { });
    }

    @Test
    void shouldMatchWhenTheJournalAndTheVenueAgree()
    {
        place(1, OrderType.MARKET, 0); // 0.1 BTC at 65,000: 6,500 USDT plus a 0.65 fee
        place(2, OrderType.LIMIT, 60_000_00); // rests
        final VenueSnapshot snapshot = gateway.snapshot(List.of(BTC));
        final Reconciliation.Result result = Reconciliation.compare(Map.of(0, 100_000L), 93_499_35 * 1_000_000L,
            Map.of(2L, 100_000L), snapshot, USD / 100);
        assertEquals(Reconciliation.Verdict.OK, result.verdict(), result.mismatches().toString());
    }

    @Test
    void shouldCatchAFillTheStreamNeverReportedAndAForeignOrder()
    {
        place(1, OrderType.LIMIT, 60_000_00); // rests; then the venue fills it without telling us
        final FakeBinanceVenue.Order resting = venue.orders.get("keel-1");
        venue.orders.put("keel-1", new FakeBinanceVenue.Order(resting.orderId(), "keel-1", "BUY", "LIMIT",
            resting.price(), resting.quantity(), "FILLED"));
        venue.settle(resting);
        venue.orders.put("manual-7", new FakeBinanceVenue.Order(99, "manual-7", "SELL", "LIMIT",
            new BigDecimal("70000"), new BigDecimal("0.5"), "NEW"));
        final Reconciliation.Result result = Reconciliation.compare(Map.of(), 100_000 * USD, Map.of(1L, 100_000L),
            gateway.snapshot(List.of(BTC)), USD / 100);
        assertEquals(Reconciliation.Verdict.MISMATCH, result.verdict());
        final String all = String.join("\n", result.mismatches());
        assertTrue(all.contains("position of instrument 0: journal 0, venue 100000"), all);
        assertTrue(all.contains("cash: journal"), all);
        assertTrue(all.contains("order 1 is open in the journal but not at the venue"), all);
        assertTrue(all.contains("is open at the venue but not in the journal"), all);
    }

    @Test
    void shouldTreatAVenueThatCannotAnswerAsAHaltNotAsFlat()
    {
        venue.accountStatus = 503;
        assertNull(gateway.snapshot(List.of(BTC)));
        final Reconciliation.Result result = Reconciliation.unavailable("HTTP 503");
        assertEquals(Reconciliation.Verdict.UNAVAILABLE, result.verdict());
    }
}
