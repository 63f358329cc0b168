package io.keel.execution.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alpaca order entry against a loopback venue speaking Alpaca's REST v2 format. */
class AlpacaOrderGatewayTest
{
    private static final InstrumentSpec SPY = new InstrumentSpec(0, "SPY", "ALPACA", AssetClass.EQUITY, 2, 1, 0, 1,
        100_000_000L, "USD", "NYSE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNodeHolder> orders = new ConcurrentHashMap<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private volatile int failNext;
    private volatile long delayNextMs;
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final List<String> reports = new ArrayList<>();
    private final AlpacaOrderGateway gateway;

    /** A mutable order as the fake venue keeps it. */
    private static final class ObjectNodeHolder
    {
        volatile String json;
    }

    AlpacaOrderGatewayTest() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v2/orders", this::handle);
        server.start();
        gateway = new AlpacaOrderGateway("http://127.0.0.1:" + server.getAddress().getPort(), "key-id-1",
            "secret-key-2", 400, clock::get);
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private static void send(final HttpExchange ex, final int status, final String body, final String retryAfter)
        throws IOException
    {
        if (retryAfter != null)
        {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private void handle(final HttpExchange ex) throws IOException
    {
        headers.add(ex.getRequestHeaders().getFirst("APCA-API-KEY-ID") + "/" +
            ex.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"));
        final String path = ex.getRequestURI().getPath();
        if ("POST".equals(ex.getRequestMethod()))
        {
            if (failNext != 0)
            {
                final int status = failNext;
                failNext = 0;
                send(ex, status, "{\"message\":\"scripted\"}", status == 429 ? "3" : null);
                return;
            }
            final JsonNode body = JSON.readTree(ex.getRequestBody());
            final String clientId = body.path("client_order_id").asText();
            posted.add(clientId);
            final boolean market = "market".equals(body.path("type").asText());
            final ObjectNodeHolder order = new ObjectNodeHolder();
            order.json = "{\"id\":\"uuid-" + clientId + "\",\"client_order_id\":\"" + clientId + "\",\"symbol\":\"" +
                body.path("symbol").asText() + "\",\"qty\":\"" + body.path("qty").asText() + "\",\"filled_qty\":\"" +
                (market ? body.path("qty").asText() : "0") + "\",\"filled_avg_price\":" + (market ? "\"450.125\"" :
                "null") + ",\"status\":\"" + (market ? "filled" : "new") + "\"}";
            orders.put(clientId, order);
            if (delayNextMs > 0)
            {
                final long delay = delayNextMs;
                delayNextMs = 0;
                try
                {
                    Thread.sleep(delay);
                }
                catch (final InterruptedException interrupted)
                {
                    Thread.currentThread().interrupt();
                }
            }
            send(ex, 200, order.json, null);
            return;
        }
        if (path.endsWith("orders:by_client_order_id"))
        {
            final String clientId = ex.getRequestURI().getQuery().replace("client_order_id=", "");
            final ObjectNodeHolder order = orders.get(clientId);
            send(ex, order == null ? 404 : 200, order == null ? "{\"message\":\"order not found\"}" : order.json, null);
            return;
        }
        send(ex, 404, "{}", null);
    }

    private void record(final Event report)
    {
        reports.add(report.execType + " " + report.price + "x" + report.quantity + " leaves=" + report.leavesQuantity +
            (report.rejectReason == RejectReason.NONE ? "" : " " + report.rejectReason));
    }

    private static Event order(final long id, final OrderType type, final long qty)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = id;
        intent.side = Side.BUY;
        intent.orderType = type;
        intent.price = type == OrderType.LIMIT ? 440_00 : 0;
        intent.quantity = qty;
        return intent;
    }

    @Test
    void shouldSendOurClientIdWithTheKeysAndBookTheFillAtItsExactPrice()
    {
        gateway.place(order(3, OrderType.MARKET, 10), SPY, this::record);
        // 10 shares at an average of 450.125 (a price between cents): booked as 5 at 450.13 and 5 at 450.12, so the
        // notional is exactly the venue's 4,501.25
        assertEquals(List.of("ACKED 0x0 leaves=10", "PARTIALLY_FILLED 45013x5 leaves=5", "FILLED 45012x5 leaves=0"),
            reports);
        assertEquals(List.of("keel-3"), posted);
        assertEquals("key-id-1/secret-key-2", headers.get(0), "keys travel in Alpaca's headers");
    }

    @Test
    void shouldResolveALostAnswerByClientIdWithoutResending()
    {
        delayNextMs = 1_500;
        gateway.place(order(4, OrderType.LIMIT, 10), SPY, this::record);
        assertEquals(List.of("UNKNOWN 0x0 leaves=10"), reports);
        assertTrue(gateway.resolve(4, Side.BUY, true, SPY, this::record));
        assertEquals("ACKED 0x0 leaves=10", reports.get(1), "found, resting");
        failNext = 503;
        gateway.place(order(5, OrderType.MARKET, 10), SPY, this::record);
        assertTrue(gateway.resolve(5, Side.BUY, true, SPY, this::record));
        assertEquals("REJECTED 0x0 leaves=0 UNKNOWN_ORDER", reports.get(reports.size() - 1), "never taken");
        assertEquals(List.of("keel-4"), posted, "nothing re-sent");
    }

    @Test
    void shouldPauseOn429AndKeepUnderThePublishedRate()
    {
        failNext = 429;
        gateway.place(order(6, OrderType.MARKET, 1), SPY, this::record);
        gateway.place(order(7, OrderType.MARKET, 1), SPY, this::record);
        assertEquals(List.of("REJECTED 0x0 leaves=0 THROTTLED", "REJECTED 0x0 leaves=0 THROTTLED"), reports);
        assertEquals(1, gateway.requests(), "the second waited for Retry-After, locally");
        clock.addAndGet(3_000_000_000L);
        for (int i = 0; i < AlpacaOrderGateway.REQUESTS_PER_MINUTE; i++)
        {
            gateway.place(order(100 + i, OrderType.LIMIT, 1), SPY, this::record);
        }
        assertEquals("REJECTED 0x0 leaves=0 THROTTLED", reports.get(reports.size() - 1));
        assertEquals(AlpacaOrderGateway.REQUESTS_PER_MINUTE - 1, posted.size(),
            "200 requests a minute, the 429 among them");
    }
}
