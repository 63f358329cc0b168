package io.keel.execution.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Alpaca order entry (REST v2, {@code POST /v2/orders} with {@code client_order_id = keel-<client order id>}), with
 * the same discipline as {@link BinanceOrderGateway}: a client-side limit from Alpaca's published 200 requests per
 * minute, 429 pauses for {@code Retry-After}, a timeout or 5xx makes the order UNKNOWN, resolved by
 * {@code GET /v2/orders:by_client_order_id} and never re-sent. Alpaca reports fills as a cumulative quantity and
 * average price; {@link #resolve} books the difference since the last look as one fill at its exact price. Keys go
 * in headers and are never logged. Blocking: run on the gateway thread.
 */
public final class AlpacaOrderGateway implements OrderGateway
{
    private static final Logger LOG = LoggerFactory.getLogger(AlpacaOrderGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Alpaca trading API: 200 requests per minute per account (published limit). */
    public static final int REQUESTS_PER_MINUTE = 200;

    private final String base;
    private final String keyId;
    private final String secret;
    private final HttpClient http;
    private final Duration timeout;
    private final LongSupplier clockNs;
    private final RateLimiter requests = new RateLimiter(REQUESTS_PER_MINUTE, 60_000_000_000L);
    private final Event report = new Event();
    /** Per order: quantity and notional (quantity × price, in price-units × quantity-units) booked so far. */
    private final Map<Long, long[]> booked = new HashMap<>();
    private long sent;
    private final VenueIds ids;
    private final Map<Integer, Long> lastPrices = new HashMap<>();

    /**
     * @param base          e.g. {@code https://paper-api.alpaca.markets}, or a loopback venue in tests.
     * @param keyId         the API key id.
     * @param secret        the API secret key.
     * @param readTimeoutMs how long to wait before an order is UNKNOWN.
     */
    public AlpacaOrderGateway(final String base, final String keyId, final String secret, final int readTimeoutMs,
        final LongSupplier clockNs)
    {
        this(base, keyId, secret, readTimeoutMs, clockNs, "");
    }

    /**
     * @param runTag the run's tag in our venue ids (see {@link VenueIds}).
     */
    public AlpacaOrderGateway(final String base, final String keyId, final String secret, final int readTimeoutMs,
        final LongSupplier clockNs, final String runTag)
    {
        this.ids = new VenueIds(runTag);
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.keyId = keyId;
        this.secret = secret;
        this.timeout = Duration.ofMillis(readTimeoutMs);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.clockNs = clockNs;
    }

    /** @return requests sent to the venue. */
    public long requests()
    {
        return sent;
    }

    private void emit(final EventSink sink, final InstrumentSpec spec, final long id, final ExecType type,
        final Side side, final long price, final long quantity, final long leaves, final RejectReason reason)
    {
        sink.onEvent(report.executionReport(clockNs.getAsLong(), spec.id(), id, type, side, price, quantity, leaves, 0,
            reason));
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        sent++;
        return http.send(request.timeout(timeout).header("APCA-API-KEY-ID", keyId)
            .header("APCA-API-SECRET-KEY", secret).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 429: no request before Retry-After. @return true when it was one. */
    private boolean onLimit(final HttpResponse<String> response)
    {
        if (response.statusCode() != 429)
        {
            return false;
        }
        final long seconds = response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong)
            .orElse(60L);
        requests.pauseUntil(clockNs.getAsLong() + seconds * 1_000_000_000L);
        LOG.warn("Alpaca answered 429: no request before Retry-After {} s", seconds);
        return true;
    }

    /** Sends a new order. */
    @Override
    public void place(final Event intent, final InstrumentSpec spec, final EventSink sink)
    {
        if (!requests.tryAcquire(clockNs.getAsLong()))
        {
            emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, RejectReason.THROTTLED);
            return;
        }
        final boolean limit = intent.orderType == OrderType.LIMIT;
        final ObjectNode body = JSON.createObjectNode();
        body.put("symbol", spec.symbol());
        body.put("qty", BigDecimal.valueOf(intent.quantity, spec.quantityScale()).toPlainString());
        body.put("side", intent.side == Side.BUY ? "buy" : "sell");
        body.put("type", limit ? "limit" : "market");
        body.put("time_in_force", "day");
        if (limit)
        {
            body.put("limit_price", BigDecimal.valueOf(intent.price, spec.priceScale()).toPlainString());
        }
        body.put("client_order_id", ids.of(intent.clientOrderId));
        final HttpResponse<String> response;
        try
        {
            response = send(HttpRequest.newBuilder(URI.create(base + "/v2/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }
        catch (final IOException ex)
        {
            unknown(sink, spec, intent, ex.toString());
            return;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            unknown(sink, spec, intent, "interrupted");
            return;
        }
        final int status = response.statusCode();
        if (onLimit(response))
        {
            emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, RejectReason.THROTTLED);
        }
        else if (status >= 500)
        {
            unknown(sink, spec, intent, "HTTP " + status);
        }
        else if (status != 200)
        {
            LOG.warn("Alpaca rejected order {}: HTTP {}", ids.of(intent.clientOrderId), status);
            emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0,
                RejectReason.INVALID_ORDER);
        }
        else
        {
            emit(sink, spec, intent.clientOrderId, ExecType.ACKED, intent.side, 0, 0, intent.quantity,
                RejectReason.NONE);
            book(json(response.body()), intent.clientOrderId, intent.side, spec, sink);
        }
    }

    private static JsonNode json(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            return JSON.createObjectNode();
        }
    }

    private void unknown(final EventSink sink, final InstrumentSpec spec, final Event intent, final String why)
    {
        LOG.warn("order {} is UNKNOWN ({}): will be resolved by query, never re-sent",
            ids.of(intent.clientOrderId), why);
        emit(sink, spec, intent.clientOrderId, ExecType.UNKNOWN, intent.side, 0, 0, intent.quantity,
            RejectReason.NONE);
    }

    /** Books what an order JSON says beyond what was booked: new fills at their exact price, and the end state. */
    private void book(final JsonNode order, final long id, final Side side, final InstrumentSpec spec,
        final EventSink sink)
    {
        final long quantity = FixedPoint.parse(new BigDecimal(order.path("qty").asText("0")).toPlainString(),
            spec.quantityScale());
        final long filled = FixedPoint.parse(new BigDecimal(order.path("filled_qty").asText("0")).toPlainString(),
            spec.quantityScale());
        final long[] done = booked.computeIfAbsent(id, k -> new long[2]);
        final long fresh = filled - done[0];
        if (fresh > 0)
        {
            final BigDecimal average = new BigDecimal(order.path("filled_avg_price").asText("0"));
            // notional of all fills so far, in price units x quantity units, exact
            final long notional = average.movePointRight(spec.priceScale()).multiply(BigDecimal.valueOf(filled))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            // an average between two ticks books as two fills, at the tick below and the one above, so the notional
            // (and the P&L) is exact: r units at price + 1, the rest at price
            final long freshNotional = notional - done[1];
            final long price = Math.floorDiv(freshNotional, fresh);
            final long above = freshNotional - price * fresh;
            done[0] = filled;
            done[1] = notional;
            if (above > 0)
            {
                emit(sink, spec, id, ExecType.PARTIALLY_FILLED, side, price + 1, above,
                    quantity - filled + fresh - above, RejectReason.NONE);
            }
            emit(sink, spec, id, filled == quantity ? ExecType.FILLED : ExecType.PARTIALLY_FILLED, side, price,
                fresh - above, quantity - filled, RejectReason.NONE);
        }
        switch (order.path("status").asText())
        {
            case "canceled", "expired", "done_for_day" -> emit(sink, spec, id, ExecType.CANCELED, side, 0, 0, 0,
                RejectReason.NONE);
            case "rejected" -> emit(sink, spec, id, ExecType.REJECTED, side, 0, 0, 0, RejectReason.INVALID_ORDER);
            default ->
            {
                // accepted, new, partially_filled, filled: said above or still working
            }
        }
        if (filled == quantity || order.path("status").asText().matches("canceled|expired|done_for_day|rejected"))
        {
            booked.remove(id);
        }
    }

    /**
     * Asks Alpaca about an order by its client id and books what changed. An order Alpaca never saw is rejected
     * with {@link RejectReason#UNKNOWN_ORDER}; it is never sent again.
     *
     * @param wasUnknown true when our state is UNKNOWN (an open order found is then acknowledged).
     * @return false when Alpaca could not be asked now: ask again later.
     */
    public boolean resolve(final long clientOrderId, final Side side, final boolean wasUnknown,
        final InstrumentSpec spec, final EventSink sink)
    {
        return resolve(clientOrderId, side, 0, wasUnknown, spec, sink);
    }

    @Override
    public boolean resolve(final long clientOrderId, final Side side, final long alreadyFilled,
        final boolean wasUnknown, final InstrumentSpec spec, final EventSink sink)
    {
        if (!requests.tryAcquire(clockNs.getAsLong()))
        {
            return false;
        }
        try
        {
            final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base +
                "/v2/orders:by_client_order_id?client_order_id=" + URLEncoder.encode(ids.of(
                clientOrderId), StandardCharsets.UTF_8))).GET());
            if (response.statusCode() == 404)
            {
                emit(sink, spec, clientOrderId, ExecType.REJECTED, side, 0, 0, 0, RejectReason.UNKNOWN_ORDER);
                return true;
            }
            if (response.statusCode() != 200)
            {
                onLimit(response);
                return false;
            }
            final JsonNode order = json(response.body());
            if (wasUnknown)
            {
                final long quantity = FixedPoint.parse(new BigDecimal(order.path("qty").asText("0")).toPlainString(),
                    spec.quantityScale());
                emit(sink, spec, clientOrderId, ExecType.ACKED, side, 0, 0, quantity, RejectReason.NONE);
            }
            book(order, clientOrderId, side, spec, sink);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Cancels by client id: looks the order up, then {@code DELETE /v2/orders/{id}}. */
    @Override
    public boolean cancel(final long clientOrderId, final Side side, final InstrumentSpec spec, final EventSink sink)
    {
        if (!requests.tryAcquire(clockNs.getAsLong()))
        {
            return false;
        }
        try
        {
            final HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(base +
                "/v2/orders:by_client_order_id?client_order_id=" + URLEncoder.encode(ids.of(
                clientOrderId), StandardCharsets.UTF_8))).GET());
            if (found.statusCode() != 200)
            {
                onLimit(found);
                return false;
            }
            final String venueOrderId = json(found.body()).path("id").asText();
            final HttpResponse<String> canceled = send(HttpRequest.newBuilder(URI.create(base + "/v2/orders/" +
                URLEncoder.encode(venueOrderId, StandardCharsets.UTF_8))).DELETE());
            if (canceled.statusCode() == 204 || canceled.statusCode() == 200)
            {
                emit(sink, spec, clientOrderId, ExecType.CANCELED, side, 0, 0, 0, RejectReason.NONE);
                return true;
            }
            onLimit(canceled);
            return false;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(final String path) throws IOException, InterruptedException
    {
        if (!requests.tryAcquire(clockNs.getAsLong()))
        {
            return null;
        }
        final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        if (response.statusCode() != 200)
        {
            onLimit(response);
            return null;
        }
        return json(response.body());
    }

    /**
     * Reads what Alpaca says we hold: cash ({@code /v2/account}), positions ({@code /v2/positions}) and our open
     * orders ({@code /v2/orders?status=open}; another run's or a manual one shows as foreign).
     *
     * @return the snapshot, or null when Alpaca cannot be asked (the caller halts).
     */
    @Override
    public VenueSnapshot snapshot(final java.util.List<InstrumentSpec> specs)
    {
        return VenueCalls.orNull(LOG, "read the Alpaca account", () -> readSnapshot(specs));
    }

    private VenueSnapshot readSnapshot(final java.util.List<InstrumentSpec> specs)
        throws IOException, InterruptedException
    {
        final JsonNode account = get("/v2/account");
        final JsonNode positions = get("/v2/positions");
        final JsonNode open = get("/v2/orders?status=open&limit=500");
        if (account == null || positions == null || open == null || specs.isEmpty())
        {
            return null;
        }
        final Map<Integer, Long> held = new HashMap<>();
        for (final InstrumentSpec spec : specs)
        {
            for (final JsonNode p : positions)
            {
                if (spec.symbol().equals(p.path("symbol").asText()))
                {
                    held.put(spec.id(), FixedPoint.parse(new BigDecimal(p.path("qty").asText("0"))
                        .toPlainString(), spec.quantityScale()));
                    lastPrices.put(spec.id(), FixedPoint.parse(new BigDecimal(p.path("current_price")
                        .asText("0")).setScale(spec.priceScale(), RoundingMode.HALF_EVEN).toPlainString(),
                        spec.priceScale()));
                }
            }
        }
        final Map<Long, Long> orders = new HashMap<>();
        for (final JsonNode o : open)
        {
            final String clientId = o.path("client_order_id").asText();
            final long parsed = ids.parse(clientId);
            final InstrumentSpec spec = specs.stream().filter(x -> x.symbol().equals(o.path("symbol").asText()))
                .findFirst().orElse(specs.get(0));
            final long leaves = FixedPoint.parse(new BigDecimal(o.path("qty").asText("0"))
                .subtract(new BigDecimal(o.path("filled_qty").asText("0"))).toPlainString(), spec.quantityScale());
            orders.put(parsed >= 0 ? parsed : -Math.abs((long)clientId.hashCode()) - 1, leaves);
        }
        final long cash = FixedPoint.parse(new BigDecimal(account.path("cash").asText("0")).toPlainString(),
            FixedPoint.MONEY_SCALE);
        return new VenueSnapshot(held, cash, orders);
    }

    /** @return the position's current price from the last snapshot (Alpaca reports it with the position), or 0. */
    @Override
    public long lastPrice(final InstrumentSpec spec)
    {
        return lastPrices.getOrDefault(spec.id(), 0L);
    }
}
