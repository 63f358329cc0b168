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
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway thread's loop on a loopback Binance: each order sent once, lost answers resolved, crash recovery. */
class GatewayLoopTest
{
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "BINANCE", AssetClass.CRYPTO_SPOT, 2,
        1, 6, 10, 5 * 100_000_000L, "USDT", "CRYPTO_24_7");

    private final FakeBinanceVenue venue = new FakeBinanceVenue("k", "s");
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final BinanceOrderGateway gateway = new BinanceOrderGateway(venue.url(), "k", "s", 400, clock::get);
    private final List<Event> reports = new ArrayList<>();
    private final GatewayLoop loop = new GatewayLoop(gateway, List.of(BTC), r -> reports.add(new Event().copyFrom(r)),
        clock::get, 1_000_000_000L);

    GatewayLoopTest() throws IOException
    {
    }

    @AfterEach
    void close()
    {
        venue.close();
    }

    private static Event intent(final long id, final OrderType type)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = id;
        intent.side = id % 2 == 0 ? Side.BUY : Side.SELL;
        intent.orderType = type;
        intent.price = type == OrderType.LIMIT ? (intent.side == Side.BUY ? 60_000_00 : 70_000_00) : 0;
        intent.quantity = 10_000;
        return intent;
    }

    /** @return the last report of each order. */
    private Map<Long, Event> lastReports()
    {
        final Map<Long, Event> last = new TreeMap<>();
        reports.forEach(r -> last.put(r.clientOrderId, r));
        return last;
    }

    @Test
    void shouldSendEachOrderOnceAndResolveEveryLostAnswerInABurst()
    {
        int lost = 0;
        int refused = 0;
        for (long id = 1; id <= 40; id++)
        {
            if (id % 7 == 3)
            {
                venue.delayNextMs = 900; // taken, answer lost
                lost++;
            }
            else if (id % 11 == 5)
            {
                venue.failNext.add(503); // not taken, and nobody knows
                refused++;
            }
            final Event order = intent(id, id % 3 == 0 ? OrderType.LIMIT : OrderType.MARKET);
            loop.onIntent(order);
            loop.onIntent(order); // asked twice (a retry upstream, a replay): sent once
        }
        assertEquals(lost + refused, loop.unknownCount(), "every lost answer is UNKNOWN, nothing guessed");
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (loop.unknownCount() > 0 && System.nanoTime() < deadline)
        {
            clock.addAndGet(1_000_000_000L);
            loop.poll();
        }
        assertEquals(0, loop.unknownCount(), "all resolved");
        assertEquals(lost + refused, loop.resolvedCount());
        assertEquals(new HashSet<>(venue.newOrderClientIds).size(), venue.newOrderClientIds.size(), "none twice");
        assertEquals(40 - refused, venue.newOrderClientIds.size());
        final Map<Long, Event> last = lastReports();
        assertEquals(40, last.size());
        for (final Map.Entry<Long, Event> e : last.entrySet())
        {
            final Event r = e.getValue();
            final boolean resting = venue.orders.containsKey("keel-" + e.getKey()) &&
                venue.orders.get("keel-" + e.getKey()).status().equals("NEW");
            if (r.execType == ExecType.REJECTED)
            {
                assertEquals(RejectReason.UNKNOWN_ORDER, r.rejectReason, "only the never-taken are rejected: " + r);
            }
            else
            {
                assertEquals(resting ? ExecType.ACKED : ExecType.FILLED, r.execType, "order " + e.getKey());
            }
        }
        assertEquals(refused, last.values().stream().filter(r -> r.execType == ExecType.REJECTED).count());
    }

    @Test
    void shouldRecoverWhatTheJournalNeverSawFinishWithoutResendingIt(@TempDir final Path dir)
    {
        try (JournalWriter journal = JournalWriter.open(dir, 1_767_225_600_000_000_000L, new RunHeader(
            RecordKind.SCHEMA_VERSION, "test", "crypto_scalp", "x", 1, "mode: crypto_scalp\n")))
        {
            long seq = 0;
            for (long id = 1; id <= 5; id++)
            {
                final Event order = intent(id, OrderType.LIMIT);
                order.sequence = ++seq;
                order.timestampNs = 1_767_225_600_000_000_000L + seq;
                journal.append(order);
            }
            final Event report = new Event();
            journal.append(report.executionReport(1_767_225_600_000_001_000L, 0, 1, ExecType.FILLED, Side.SELL,
                70_000_00, 10_000, 0, 0, RejectReason.NONE));
            journal.append(report.executionReport(1_767_225_600_000_002_000L, 0, 5, ExecType.CANCELED, Side.SELL, 0,
                0, 0, 0, RejectReason.NONE));
        }
        // the venue took 2 (and filled it) and 3 (resting); 4 never arrived; the process died before it knew
        venue.orders.put("keel-2", new FakeBinanceVenue.Order(902, "keel-2", "BUY", "LIMIT",
            new BigDecimal("60000.00"), new BigDecimal("0.010000"), "FILLED"));
        venue.orders.put("keel-3", new FakeBinanceVenue.Order(903, "keel-3", "SELL", "LIMIT",
            new BigDecimal("70000.00"), new BigDecimal("0.010000"), "NEW"));

        assertEquals(List.of(2L, 3L, 4L), loop.recover(dir));
        final Map<Long, Event> last = lastReports();
        assertEquals(ExecType.FILLED, last.get(2L).execType);
        assertEquals(10_000, last.get(2L).quantity);
        assertEquals(ExecType.ACKED, last.get(3L).execType, "still resting: tracked, working");
        assertEquals(ExecType.REJECTED, last.get(4L).execType);
        assertEquals(RejectReason.UNKNOWN_ORDER, last.get(4L).rejectReason);
        assertTrue(venue.newOrderClientIds.isEmpty(), "recovery asks, it never sends");
        assertEquals(1, loop.open(), "order 3 is still open");
    }

    @Test
    void shouldFindAFillTheVenueNeverReportedByAskingAboutWorkingOrders()
    {
        loop.onIntent(intent(2, OrderType.LIMIT)); // a buy resting under the market
        assertEquals(ExecType.ACKED, lastReports().get(2L).execType);
        final FakeBinanceVenue.Order resting = venue.orders.get("keel-2");
        venue.orders.put("keel-2", new FakeBinanceVenue.Order(resting.orderId(), "keel-2", "BUY", "LIMIT",
            resting.price(), resting.quantity(), "FILLED")); // filled at the venue; no answer carried it to us
        loop.poll();
        assertEquals(ExecType.ACKED, lastReports().get(2L).execType, "not asked yet: the check runs every 5 s");
        clock.addAndGet(5_000_000_000L);
        loop.poll();
        assertEquals(ExecType.FILLED, lastReports().get(2L).execType, "found by the periodic check");
        assertEquals(1, loop.reconciledFills());
        assertEquals(0, loop.open());
        assertEquals(List.of("keel-2"), venue.newOrderClientIds);
    }
}
