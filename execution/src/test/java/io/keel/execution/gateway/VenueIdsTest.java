package io.keel.execution.gateway;

import io.keel.testing.FakeBinanceVenue;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OrderType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueIdsTest
{
    @Test
    void shouldKeepTwoRunsOrdersApartWithinBinancesLength()
    {
        final String tag = VenueIds.tagOf(1_795_316_974L); // a journal started 2026-11-22
        final VenueIds ids = new VenueIds(tag);
        final String longest = ids.of(Long.MAX_VALUE);
        assertTrue(longest.length() <= 36, longest);
        assertEquals(41, ids.parse(ids.of(41)));
        assertEquals(-1, ids.parse(new VenueIds("other").of(41)), "another run's order 41 is not ours");
        assertEquals(-1, ids.parse("manual-7"));
        assertThrows(IllegalArgumentException.class, () -> new VenueIds("has-dash"));
        assertThrows(IllegalArgumentException.class, () -> new VenueIds("elevenchars"));
    }

    @Test
    void shouldSendTheTaggedIdAndSeeAnotherRunsOpenOrderAsForeign() throws IOException
    {
        final InstrumentSpec btc = new InstrumentSpec(0, "BTCUSDT", "BINANCE", AssetClass.CRYPTO_SPOT, 2, 1, 6, 10,
            500_000_000L, "USDT", "CRYPTO_24_7");
        try (FakeBinanceVenue venue = new FakeBinanceVenue("k", "s"))
        {
            final BinanceOrderGateway first = new BinanceOrderGateway(venue.url(), "k", "s", 400, System::nanoTime,
                "run1");
            final Event intent = new Event();
            intent.type = EventType.ORDER_INTENT;
            intent.clientOrderId = 8;
            intent.side = Side.BUY;
            intent.orderType = OrderType.LIMIT;
            intent.price = 60_000_00;
            intent.quantity = 10_000;
            first.place(intent, btc, r -> { });
            assertEquals(List.of("keel-run1-8"), venue.newOrderClientIds);
            assertEquals(10_000L, first.snapshot(List.of(btc)).openOrders().get(8L));
            final BinanceOrderGateway second = new BinanceOrderGateway(venue.url(), "k", "s", 400, System::nanoTime,
                "run2");
            assertTrue(second.snapshot(List.of(btc)).openOrders().keySet().stream().allMatch(id -> id < 0),
                "the next run sees run1's order as not its own: reconciliation flags it until resolved");
        }
    }
}
