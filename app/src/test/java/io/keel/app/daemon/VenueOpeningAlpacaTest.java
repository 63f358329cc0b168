package io.keel.app.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.event.ExecType;
import io.keel.execution.OrderDesk;
import io.keel.execution.gateway.VenueOpening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live start on Alpaca opens the book where the account is, and refuses orders it does not know. */
class VenueOpeningAlpacaTest
{
    private volatile String openOrders = "[]";

    private HttpServer alpaca() throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/account", ex -> send(ex, "{\"cash\":\"50000.00\",\"currency\":\"USD\"}"));
        server.createContext("/v2/positions", ex -> send(ex, "[{\"symbol\":\"SPY\",\"qty\":\"10\"," +
            "\"avg_entry_price\":\"440.00\",\"current_price\":\"450.12\"}]"));
        server.createContext("/v2/orders", ex -> send(ex, openOrders));
        server.start();
        return server;
    }

    private static void send(final HttpExchange ex, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Test
    void shouldOpenFromTheAccountAndRefuseUnknownOpenOrders(@TempDir final Path state) throws IOException
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.builtIn(), "stocks_intraday");
        final HttpServer server = alpaca();
        try
        {
            final VenueOpening.Options options = new VenueOpening.Options(VenueOpening.Venue.ALPACA,
                "http://127.0.0.1:" + server.getAddress().getPort(), "key", "secret");
            final VenueOpening start = VenueOpening.prepare(loaded, state, options, 1_000, 1_795_316_974_000L);
            // cash 50,000 plus 10 SPY at 450.12: the book opens with 54,501.20 and buys the 10 shares at 450.12
            assertEquals(0, new BigDecimal("54501.20").compareTo(start.config.config().account().initialCashUsd()));
            assertEquals(1, start.opening.size());
            final Event opening = start.opening.get(0);
            assertEquals(ExecType.FILLED, opening.execType);
            assertEquals(10, opening.quantity);
            assertEquals(450_1200, opening.price, "stocks_intraday prices in $0.0001");
            assertEquals(OrderDesk.OPENING_BALANCE_ID, opening.clientOrderId);

            openOrders = "[{\"client_order_id\":\"manual-1\",\"symbol\":\"SPY\",\"qty\":\"5\",\"filled_qty\":\"0\"}]";
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> VenueOpening.prepare(loaded, state, options, 1_000, 1_795_316_975_000L));
            assertTrue(refused.getMessage().contains("does not know"), refused.getMessage());
        }
        finally
        {
            server.stop(0);
        }
        // and a venue that cannot answer stops the start instead of opening flat
        final VenueOpening.Options gone = new VenueOpening.Options(VenueOpening.Venue.ALPACA, "http://127.0.0.1:9", "key",
            "secret");
        final IllegalStateException down = assertThrows(IllegalStateException.class,
            () -> VenueOpening.prepare(loaded, state, gone, 1_000, 1_795_316_976_000L));
        assertTrue(down.getMessage().contains("never taken for a flat book"), down.getMessage());
    }
}
