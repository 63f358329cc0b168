package io.keel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance spot order entry on 127.0.0.1, speaking the real REST wire format: {@code POST/GET/DELETE /api/v3/order},
 * {@code GET /api/v3/myTrades}, {@code GET /api/v3/openOrders}; requests must carry {@code X-MBX-APIKEY} and an
 * HMAC-SHA256 {@code signature} of the query string followed by the body, as Binance specifies. Market orders fill at
 * {@code price}; limit orders fill if marketable, else rest. Faults can be scripted per request: an HTTP
 * status (429 and 418 with Retry-After, 5xx) answered before the order is taken, or a delay after it was taken
 * (a lost answer).
 */
public final class FakeBinanceVenue implements AutoCloseable
{
    /** One order as the venue keeps it. */
    public record Order(long orderId, String clientOrderId, String side, String type, BigDecimal price,
        BigDecimal quantity,
                 String status)
    {
    }

    private final HttpServer server;
    private final String apiKey;
    private final String secret;
    private final AtomicLong ids = new AtomicLong();
    public final Map<String, Order> orders = new ConcurrentHashMap<>();
    public final List<String> newOrderClientIds = new CopyOnWriteArrayList<>();
    public final List<String> rawRequests = new CopyOnWriteArrayList<>();
    public final AtomicLong requests = new AtomicLong();
    public volatile BigDecimal price = new BigDecimal("65000.00");
    /** Statuses to answer the next new-order requests with, before taking them (0: take it). */
    public final List<Integer> failNext = new CopyOnWriteArrayList<>();
    /** Milliseconds to stall the answer to the next new order, after taking it. */
    public volatile long delayNextMs;
    /** Balances by asset; fills move BTC and USDT (fees in USDT). */
    public final Map<String, BigDecimal> balances = new ConcurrentHashMap<>(Map.of("BTC", BigDecimal.ZERO, "USDT",
        new BigDecimal("100000")));
    /** When set, every account or open-orders request fails with this status. */
    public volatile int accountStatus;

    public FakeBinanceVenue(final String apiKey, final String secret) throws IOException
    {
        this.apiKey = apiKey;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v3/order", this::order);
        server.createContext("/api/v3/myTrades", this::myTrades);
        server.createContext("/api/v3/account", this::account);
        server.createContext("/api/v3/ticker/price", ex -> send(ex, 200, "{\"symbol\":\"BTCUSDT\",\"price\":\"" +
            price.toPlainString() + "\"}", null));
        server.createContext("/api/v3/openOrders", this::openOrders);
        server.createContext("/api/v3/time", ex -> send(ex, 200, "{\"serverTime\":" + System.currentTimeMillis() +
            "}", null));
        server.start();
    }

    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Map<String, String> params(final String text)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty())
        {
            return params;
        }
        for (final String pair : text.split("&"))
        {
            final int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String withoutSignature(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final List<String> kept = new ArrayList<>();
        for (final String pair : text.split("&"))
        {
            if (!pair.startsWith("signature=") && !pair.isEmpty())
            {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    private String hmac(final String payload)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** @return the request's parameters when its key and signature are good; null after answering an error. */
    private Map<String, String> authenticate(final HttpExchange ex) throws IOException
    {
        requests.incrementAndGet();
        final String query = ex.getRequestURI().getRawQuery();
        final String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        rawRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders() + " " + body);
        final Map<String, String> all = params(query);
        all.putAll(params(body));
        if (!apiKey.equals(ex.getRequestHeaders().getFirst("X-MBX-APIKEY")))
        {
            send(ex, 401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}", null);
            return null;
        }
        final String q = withoutSignature(query);
        final String b = withoutSignature(body);
        final String expected = hmac(q + b);
        if (!expected.equals(all.get("signature")))
        {
            send(ex, 400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}", null);
            return null;
        }
        return all;
    }

    private static void send(final HttpExchange ex, final int status, final String json, final String retryAfter)
        throws IOException
    {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null)
        {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private void order(final HttpExchange ex) throws IOException
    {
        final Map<String, String> p = authenticate(ex);
        if (p == null)
        {
            return;
        }
        switch (ex.getRequestMethod())
        {
            case "POST" -> newOrder(ex, p);
            case "GET" ->
            {
                final Order o = orders.get(p.getOrDefault("origClientOrderId", ""));
                if (o == null)
                {
                    send(ex, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}", null);
                    return;
                }
                send(ex, 200, orderJson(o, false), null);
            }
            case "DELETE" ->
            {
                final Order o = orders.get(p.getOrDefault("origClientOrderId", ""));
                if (o == null || !o.status().equals("NEW"))
                {
                    send(ex, 400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}", null);
                    return;
                }
                final Order canceled = new Order(o.orderId(), o.clientOrderId(), o.side(), o.type(), o.price(),
                    o.quantity(), "CANCELED");
                orders.put(o.clientOrderId(), canceled);
                send(ex, 200, orderJson(canceled, false), null);
            }
            default -> send(ex, 405, "{}", null);
        }
    }

    private void newOrder(final HttpExchange ex, final Map<String, String> p) throws IOException
    {
        if (!failNext.isEmpty())
        {
            final int status = failNext.remove(0);
            if (status != 0)
            {
                send(ex, status, "{\"code\":" + (status == 429 || status == 418 ? -1003 : -1001) +
                    ",\"msg\":\"scripted failure\"}", status == 429 ? "2" : status == 418 ? "120" : null);
                return;
            }
        }
        final String clientId = p.get("newClientOrderId");
        newOrderClientIds.add(clientId);
        if (orders.containsKey(clientId))
        {
            send(ex, 400, "{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}", null);
            return;
        }
        final boolean market = "MARKET".equals(p.get("type"));
        final BigDecimal limit = market ? BigDecimal.ZERO : new BigDecimal(p.get("price"));
        final boolean buy = "BUY".equals(p.get("side"));
        final boolean fills = market || (buy ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0);
        final Order o = new Order(ids.incrementAndGet(), clientId, p.get("side"), p.get("type"), limit,
            new BigDecimal(p.get("quantity")), fills ? "FILLED" : "NEW");
        orders.put(clientId, o);
        if (fills)
        {
            settle(o);
        }
        final long delay = delayNextMs;
        if (delay > 0)
        {
            delayNextMs = 0;
            try
            {
                Thread.sleep(delay); // the order is taken; its answer comes too late for the client
            }
            catch (final InterruptedException interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        send(ex, 200, orderJson(o, true), null);
    }

    /**
     * The asset commissions are charged in, as Binance does: {@code USDT} (1 bp of the value, the default here),
     * {@code BTC} (0.1 % of what a buy receives, taken from it; sells still pay in USDT) or {@code BNB} (1 bp of the
     * value at 600 USDT per BNB, from the BNB balance).
     */
    public volatile String commissionAsset = "USDT";

    /** A trade's commission and the asset it was charged in. */
    public record Commission(BigDecimal amount, String asset)
    {
    }

    /** @return the commission of a filled order at the current price. */
    public Commission commission(final Order o)
    {
        final BigDecimal value = o.quantity().multiply(price);
        final boolean buy = o.side().equals("BUY");
        return switch (commissionAsset)
        {
            case "BTC" -> buy ? new Commission(o.quantity().multiply(new BigDecimal("0.001")), "BTC") :
                new Commission(value.multiply(new BigDecimal("0.0001")), "USDT");
            case "BNB" -> new Commission(value.multiply(new BigDecimal("0.0001")).divide(new BigDecimal("600"), 8,
                java.math.RoundingMode.DOWN), "BNB");
            default -> new Commission(value.multiply(new BigDecimal("0.0001")), "USDT");
        };
    }

    /** Moves the balances for a filled order: base asset and quote, less the commission in its asset. */
    public void settle(final Order o)
    {
        final BigDecimal value = o.quantity().multiply(price);
        final boolean buy = o.side().equals("BUY");
        final Commission fee = commission(o);
        balances.merge("BTC", buy ? o.quantity() : o.quantity().negate(), BigDecimal::add);
        balances.merge("USDT", buy ? value.negate() : value, BigDecimal::add);
        balances.merge(fee.asset(), fee.amount().negate(), BigDecimal::add);
    }

    private void account(final HttpExchange ex) throws IOException
    {
        if (authenticate(ex) == null)
        {
            return;
        }
        if (accountStatus != 0)
        {
            send(ex, accountStatus, "{\"code\":-1001,\"msg\":\"Internal error\"}", null);
            return;
        }
        final StringBuilder out = new StringBuilder("{\"balances\":[");
        String sep = "";
        for (final Map.Entry<String, BigDecimal> b : balances.entrySet())
        {
            out.append(sep).append("{\"asset\":\"").append(b.getKey()).append("\",\"free\":\"")
                .append(b.getValue().toPlainString()).append("\",\"locked\":\"0\"}");
            sep = ",";
        }
        send(ex, 200, out.append("]}").toString(), null);
    }

    private void openOrders(final HttpExchange ex) throws IOException
    {
        if (authenticate(ex) == null)
        {
            return;
        }
        if (accountStatus != 0)
        {
            send(ex, accountStatus, "{\"code\":-1001,\"msg\":\"Internal error\"}", null);
            return;
        }
        final StringBuilder out = new StringBuilder("[");
        String sep = "";
        for (final Order o : orders.values())
        {
            if (o.status().equals("NEW"))
            {
                out.append(sep).append(orderJson(o, false));
                sep = ",";
            }
        }
        send(ex, 200, out.append("]").toString(), null);
    }

    private String fillJson(final Order o)
    {
        final Commission commission = commission(o);
        return "{\"price\":\"" + price.toPlainString() + "\",\"qty\":\"" + o.quantity().toPlainString() +
            "\",\"commission\":\"" + commission.amount().toPlainString() + "\",\"commissionAsset\":\"" +
            commission.asset() + "\",\"tradeId\":" + o.orderId() + "}";
    }

    private String orderJson(final Order o, final boolean full)
    {
        final boolean filled = o.status().equals("FILLED");
        return "{\"symbol\":\"BTCUSDT\",\"orderId\":" + o.orderId() + ",\"orderListId\":-1,\"clientOrderId\":\"" +
            o.clientOrderId() + "\",\"transactTime\":" + System.currentTimeMillis() + ",\"time\":" +
            System.currentTimeMillis() + ",\"price\":\"" + o.price().toPlainString() + "\",\"origQty\":\"" +
            o.quantity().toPlainString() + "\",\"executedQty\":\"" + (filled ? o.quantity().toPlainString() : "0") +
            "\",\"cummulativeQuoteQty\":\"" + (filled ? o.quantity().multiply(price).toPlainString() : "0") +
            "\",\"status\":\"" + o.status() + "\",\"timeInForce\":\"GTC\",\"type\":\"" + o.type() + "\",\"side\":\"" +
            o.side() + "\"" + (full ? ",\"fills\":[" + (filled ? fillJson(o) : "") + "]" : "") + "}";
    }

    private void myTrades(final HttpExchange ex) throws IOException
    {
        final Map<String, String> p = authenticate(ex);
        if (p == null)
        {
            return;
        }
        final StringBuilder out = new StringBuilder("[");
        for (final Order o : orders.values())
        {
            if (Long.toString(o.orderId()).equals(p.get("orderId")) && o.status().equals("FILLED"))
            {
                out.append("{\"symbol\":\"BTCUSDT\",\"id\":").append(o.orderId()).append(",\"orderId\":")
                    .append(o.orderId()).append(",\"price\":\"").append(price.toPlainString()).append("\",\"qty\":\"")
                    .append(o.quantity().toPlainString()).append("\",\"quoteQty\":\"0\",\"commission\":\"")
                    .append(commission(o).amount().toPlainString())
                    .append("\",\"commissionAsset\":\"").append(commission(o).asset()).append("\",\"time\":")
                    .append(System.currentTimeMillis())
                    .append(",\"isBuyer\":").append(o.side().equals("BUY")).append(",\"isMaker\":false,")
                    .append("\"isBestMatch\":true}");
            }
        }
        send(ex, 200, out.append("]").toString(), null);
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
