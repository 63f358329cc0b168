package io.keel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alpaca's trading API (REST v2) on 127.0.0.1, in its real wire format: {@code GET /v2/account},
 * {@code GET /v2/positions}, {@code POST /v2/orders}, {@code GET /v2/orders?status=open},
 * {@code GET /v2/orders:by_client_order_id}, {@code DELETE /v2/orders/{id}}; every request must carry
 * {@code APCA-API-KEY-ID} and {@code APCA-API-SECRET-KEY}. One price per symbol: market orders fill at it, limit
 * orders fill at it when marketable, else rest until canceled. A client order id is taken once (422 after).
 */
public final class FakeAlpacaBroker implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String keyId;
    private final String secret;
    private final AtomicLong ids = new AtomicLong();
    /** Orders by client order id, as Alpaca reports them. */
    public final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    /** Client order ids of every new order taken, in order. */
    public final List<String> newOrderClientIds = new CopyOnWriteArrayList<>();
    /** Last price per symbol. */
    public final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    /** Shares held per symbol. */
    public final Map<String, BigDecimal> positions = new ConcurrentHashMap<>();
    public volatile BigDecimal cash;

    public FakeAlpacaBroker(final String keyId, final String secret, final BigDecimal cash) throws IOException
    {
        this.keyId = keyId;
        this.secret = secret;
        this.cash = cash;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v2/account", ex -> authorized(ex, () -> account()));
        server.createContext("/v2/positions", ex -> authorized(ex, () -> positionsJson()));
        server.createContext("/v2/orders", this::orders);
        server.start();
    }

    /** @return the REST base URL. */
    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A response body, or null for 404. */
    @FunctionalInterface
    private interface Answer
    {
        String body() throws IOException;
    }

    private void authorized(final HttpExchange ex, final Answer answer) throws IOException
    {
        if (!keyId.equals(ex.getRequestHeaders().getFirst("APCA-API-KEY-ID")) ||
            !secret.equals(ex.getRequestHeaders().getFirst("APCA-API-SECRET-KEY")))
        {
            send(ex, 401, "{\"code\":40110000,\"message\":\"request is not authorized\"}");
            return;
        }
        final String body = answer.body();
        send(ex, body == null ? 404 : 200, body == null ? "{\"code\":40410000,\"message\":\"not found\"}" : body);
    }

    private String account()
    {
        return "{\"cash\":\"" + cash.toPlainString() + "\",\"currency\":\"USD\"}";
    }

    private String positionsJson()
    {
        final ArrayNode out = JSON.createArrayNode();
        positions.forEach((symbol, qty) ->
        {
            if (qty.signum() != 0)
            {
                out.addObject().put("symbol", symbol).put("qty", qty.toPlainString())
                    .put("current_price", prices.getOrDefault(symbol, BigDecimal.ZERO).toPlainString());
            }
        });
        return out.toString();
    }

    private void orders(final HttpExchange ex) throws IOException
    {
        final String path = ex.getRequestURI().getPath();
        final String method = ex.getRequestMethod();
        if ("POST".equals(method) && "/v2/orders".equals(path))
        {
            final byte[] body = ex.getRequestBody().readAllBytes();
            if (!keyId.equals(ex.getRequestHeaders().getFirst("APCA-API-KEY-ID")))
            {
                send(ex, 401, "{\"message\":\"request is not authorized\"}");
                return;
            }
            final ObjectNode order = place(JSON.readTree(body));
            send(ex, order == null ? 422 : 200, order == null ? "{\"code\":40010001,\"message\":\"client_order_id " +
                "must be unique\"}" : order.toString());
        }
        else if ("DELETE".equals(method) && path.startsWith("/v2/orders/"))
        {
            final String id = path.substring("/v2/orders/".length());
            final ObjectNode order = orders.values().stream().filter(o -> o.path("id").asText().equals(id))
                .findFirst().orElse(null);
            if (order == null)
            {
                send(ex, 404, "{\"message\":\"order not found\"}");
            }
            else if (!open(order))
            {
                send(ex, 422, "{\"message\":\"order is not cancelable\"}");
            }
            else
            {
                order.put("status", "canceled");
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
        }
        else if (path.equals("/v2/orders:by_client_order_id"))
        {
            final String query = ex.getRequestURI().getRawQuery();
            final String clientId = URLDecoder.decode(query.substring(query.indexOf('=') + 1),
                StandardCharsets.UTF_8);
            authorized(ex, () -> orders.containsKey(clientId) ? orders.get(clientId).toString() : null);
        }
        else
        {
            authorized(ex, () ->
            {
                final ArrayNode open = JSON.createArrayNode();
                orders.values().stream().filter(FakeAlpacaBroker::open).forEach(open::add);
                return open.toString();
            });
        }
    }

    private static boolean open(final JsonNode order)
    {
        return order.path("status").asText().matches("new|accepted|partially_filled");
    }

    private synchronized ObjectNode place(final JsonNode request)
    {
        final String clientId = request.path("client_order_id").asText();
        if (orders.containsKey(clientId))
        {
            return null;
        }
        final String symbol = request.path("symbol").asText();
        final BigDecimal qty = new BigDecimal(request.path("qty").asText());
        final boolean buy = "buy".equals(request.path("side").asText());
        final BigDecimal price = prices.getOrDefault(symbol, BigDecimal.ZERO);
        final ObjectNode order = JSON.createObjectNode();
        order.put("id", "fake-" + ids.incrementAndGet()).put("client_order_id", clientId).put("symbol", symbol)
            .put("qty", qty.toPlainString()).put("side", request.path("side").asText())
            .put("type", request.path("type").asText()).put("filled_qty", "0").put("status", "new");
        final boolean market = "market".equals(request.path("type").asText());
        final BigDecimal limit = market ? null : new BigDecimal(request.path("limit_price").asText());
        if (market || buy && limit.compareTo(price) >= 0 || !buy && limit.compareTo(price) <= 0)
        {
            order.put("filled_qty", qty.toPlainString()).put("filled_avg_price", price.toPlainString())
                .put("status", "filled");
            positions.merge(symbol, buy ? qty : qty.negate(), BigDecimal::add);
            final BigDecimal notional = price.multiply(qty);
            cash = buy ? cash.subtract(notional) : cash.add(notional);
        }
        orders.put(clientId, order);
        newOrderClientIds.add(clientId);
        return order;
    }

    private static void send(final HttpExchange ex, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
