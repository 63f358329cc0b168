package io.keel.execution.gateway;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.OrderSide;
import org.knowm.xchange.binance.dto.trade.OrderStatus;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceTradeServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Binance spot order entry through XChange's signed REST calls, with the failure handling money needs:
 * <ul>
 *   <li>each order carries {@code newClientOrderId = keel-<client order id>}, and the client order id derives from the
 *       journal sequence: the same intent always has the same id, so a restart can ask about it instead of sending
 *       it again;</li>
 *   <li>client-side rate limits from Binance's published limits (orders per 10 s, request weight per minute): an
 *       order over them is rejected locally ({@link RejectReason#THROTTLED}) and never sent;</li>
 *   <li>HTTP 429: every request pauses for the venue's {@code Retry-After}; HTTP 418 (IP banned): the venue is halted
 *       for this process, every later request is refused locally, and it is logged as an alert;</li>
 *   <li>a timeout or a 5xx on a new order: the order is {@link ExecType#UNKNOWN}; {@link #resolve} asks the venue for
 *       it by client id and reports what it finds (an order the venue never saw is rejected); it is never re-sent;</li>
 *   <li>XChange's own retry and rate limiter are off: retrying a POST is exactly what must not happen.</li>
 * </ul>
 * Reports go to a sink, stamped by the clock given. Calls block on the network: run it on the gateway thread, never on
 * the decision thread. API keys are held by XChange and never logged.
 */
public final class BinanceOrderGateway implements OrderGateway
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceOrderGateway.class);
    /** Binance spot: 100 orders per 10 seconds (published limit). */
    public static final int ORDERS_PER_10S = 100;
    /** Binance spot: 6,000 request weight per minute (published limit). */
    public static final int WEIGHT_PER_MINUTE = 6_000;
    /** Order not found (the venue never saw it). */
    static final int NO_SUCH_ORDER = -2013;

    private final BinanceTradeServiceRaw trade;
    private final BinanceSignedRest rest;
    private final VenueIds ids;
    private final LongSupplier clockNs;
    private final BinanceLimits limits;
    private final Event report = new Event();
    private final Commissions commissions = new Commissions();

    /**
     * @param restBase      e.g. {@code https://api.binance.com}, or a loopback venue in tests.
     * @param apiKey        the API key.
     * @param secret        the API secret.
     * @param readTimeoutMs how long to wait for an answer before the order is UNKNOWN.
     * @param clockNs       wall clock for stamps, pauses and limits.
     */
    public BinanceOrderGateway(
        final String restBase, final String apiKey, final String secret, final int readTimeoutMs,
        final LongSupplier clockNs)
    {
        this(restBase, apiKey, secret, readTimeoutMs, clockNs, "");
    }

    /**
     * @param runTag the run's tag in our venue ids (see {@link VenueIds}).
     */
    public BinanceOrderGateway(
        final String restBase, final String apiKey, final String secret, final int readTimeoutMs,
        final LongSupplier clockNs, final String runTag)
    {
        this.ids = new VenueIds(runTag);
        final ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(restBase);
        spec.setApiKey(apiKey);
        spec.setSecretKey(secret);
        spec.setExchangeSpecificParametersItem(BinanceExchange.EXCHANGE_TYPE, ExchangeType.SPOT);
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpReadTimeout(readTimeoutMs);
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        this.trade = (BinanceTradeServiceRaw)ExchangeFactory.INSTANCE.createExchange(spec).getTradeService();
        // the request timestamp must be the real epoch time (the gateway's clockNs may be a test's clock)
        this.rest = new BinanceSignedRest(restBase, apiKey, secret, java.time.Duration.ofMillis(readTimeoutMs),
            System::currentTimeMillis);
        this.clockNs = clockNs;
        this.limits = new BinanceLimits(clockNs);
    }

    /** @return true once the venue answered 418: nothing more is sent by this process. */
    public boolean halted()
    {
        return limits.halted();
    }

    /** @return requests sent to the venue. */
    public long requests()
    {
        return limits.requests();
    }

    /** @return the venue's client order id for ours. */
    public String venueId(final long clientOrderId)
    {
        return ids.of(clientOrderId);
    }

    private static String base(final InstrumentSpec spec)
    {
        return pair(spec).getBase().getCurrencyCode();
    }

    static CurrencyPair pair(final InstrumentSpec spec)
    {
        final String symbol = spec.symbol();
        final String quote = spec.quoteCurrency();
        if (!symbol.endsWith(quote))
        {
            throw new IllegalArgumentException("symbol " + symbol + " does not end with its quote currency " + quote);
        }
        return new CurrencyPair(symbol.substring(0, symbol.length() - quote.length()), quote);
    }

    private void emit(final EventSink sink, final InstrumentSpec spec, final long clientOrderId, final ExecType type,
        final Side side, final long price, final long quantity, final long leaves, final long fee,
        final RejectReason reason)
    {
        sink.onEvent(report.executionReport(clockNs.getAsLong(), spec.id(), clientOrderId, type, side, price, quantity,
            leaves, fee, reason));
    }

    /**
     * Sends a new order.
     *
     * @param intent an ORDER_INTENT (new order).
     */
    @Override
    public void place(final Event intent, final InstrumentSpec spec, final EventSink sink)
    {
        final RejectReason refused = limits.admit(1, true);
        if (refused != RejectReason.NONE)
        {
            emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, 0, refused);
            return;
        }
        final boolean limit = intent.orderType == OrderType.LIMIT;
        final BinanceNewOrder placed;
        try
        {
            placed = trade.newOrder(pair(spec), intent.side == Side.BUY ? OrderSide.BUY : OrderSide.SELL,
                limit ? org.knowm.xchange.binance.dto.trade.OrderType.LIMIT :
                    org.knowm.xchange.binance.dto.trade.OrderType.MARKET, limit ? TimeInForce.GTC : null,
                BigDecimal.valueOf(intent.quantity, spec.quantityScale()), null,
                limit ? BigDecimal.valueOf(intent.price, spec.priceScale()) : null,
                venueId(intent.clientOrderId), null, null, null, BinanceNewOrder.NewOrderResponseType.FULL);
        }
        catch (final BinanceException ex)
        {
            if (limits.onVenueLimit(ex))
            {
                emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, 0,
                    RejectReason.THROTTLED);
            }
            else if (ex.getHttpStatusCode() >= 500)
            {
                unknown(sink, spec, intent, "HTTP " + ex.getHttpStatusCode());
            }
            else
            {
                LOG.warn("Binance rejected order {}: code {} {}", venueId(intent.clientOrderId), ex.getCode(),
                    ex.getMessage());
                emit(sink, spec, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, 0,
                    RejectReason.INVALID_ORDER);
            }
            return;
        }
        catch (final IOException | RuntimeException ex)
        {
            unknown(sink, spec, intent, ex.toString());
            return;
        }
        emit(sink, spec, intent.clientOrderId, ExecType.ACKED, intent.side, 0, 0, intent.quantity, 0,
            RejectReason.NONE);
        long leaves = intent.quantity;
        if (placed.fills != null)
        {
            for (final BinanceTrade fill : placed.fills)
            {
                final long quantity = FixedPoint.parse(fill.qty.toPlainString(), spec.quantityScale());
                leaves -= quantity;
                final long price = FixedPoint.parse(fill.price.toPlainString(), spec.priceScale());
                emit(sink, spec, intent.clientOrderId, leaves == 0 ? ExecType.FILLED : ExecType.PARTIALLY_FILLED,
                    intent.side, price, quantity, leaves, commissions.book(spec, base(spec), fill.tradeId,
                        fill.commission, fill.commissionAsset), RejectReason.NONE);
                emitFeeInKind(sink, spec, intent.clientOrderId, price);
            }
        }
        if (leaves > 0 && (placed.status == OrderStatus.EXPIRED || placed.status == OrderStatus.CANCELED))
        {
            emit(sink, spec, intent.clientOrderId, ExecType.CANCELED, intent.side, 0, 0, 0, 0,
                RejectReason.NO_LIQUIDITY);
        }
    }

    /** Reports the commission the venue took in the instrument since the last report, valued at {@code price}. */
    private void emitFeeInKind(final EventSink sink, final InstrumentSpec spec, final long clientOrderId,
        final long price)
    {
        final long quantity = commissions.dueInKind(spec);
        if (quantity > 0)
        {
            emit(sink, spec, clientOrderId, ExecType.FEE_IN_KIND, Side.SELL, price, quantity, 0,
                FixedPoint.notionalExact(price, spec.priceScale(), quantity, spec.quantityScale()), RejectReason.NONE);
        }
    }

    private void unknown(final EventSink sink, final InstrumentSpec spec, final Event intent, final String why)
    {
        LOG.warn("order {} is UNKNOWN ({}): will be resolved by query, never re-sent", venueId(intent.clientOrderId),
            why);
        emit(sink, spec, intent.clientOrderId, ExecType.UNKNOWN, intent.side, 0, 0, intent.quantity, 0,
            RejectReason.NONE);
    }

    static BigDecimal decimal(final com.fasterxml.jackson.databind.JsonNode node, final String field)
    {
        return new BigDecimal(node.path(field).asText("0"));
    }

    /**
     * Asks the venue about an order by its client id and reports what it finds: the order's new fills (booked as one
     * fill at the average price of its trades, since the venue reports cumulative quantities) and its state. An order
     * the venue never saw is rejected with {@link RejectReason#UNKNOWN_ORDER}; it is never sent again.
     *
     * @param alreadyFilled quantity we already booked for this order.
     * @return false when the venue could not be asked (limits, halt, network): ask again later.
     */
    public boolean resolve(final long clientOrderId, final Side side, final long alreadyFilled,
        final InstrumentSpec spec, final EventSink sink)
    {
        return resolve(clientOrderId, side, alreadyFilled, true, spec, sink);
    }

    @Override
    public boolean resolve(final long clientOrderId, final Side side, final long alreadyFilled,
        final boolean wasUnknown, final InstrumentSpec spec, final EventSink sink)
    {
        if (limits.admit(4, false) != RejectReason.NONE)
        {
            return false;
        }
        final BinanceSignedRest.Answer answer;
        try
        {
            answer = rest.call("GET", "/api/v3/order", Map.of("symbol", spec.symbol(), "origClientOrderId",
                venueId(clientOrderId)));
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot query order {}: {}", venueId(clientOrderId), ex.toString());
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!answer.ok())
        {
            if (answer.code() == NO_SUCH_ORDER)
            {
                emit(sink, spec, clientOrderId, ExecType.REJECTED, side, 0, 0, 0, 0, RejectReason.UNKNOWN_ORDER);
                return true;
            }
            limits.onVenueLimit(answer);
            LOG.warn("cannot query order {}: HTTP {} code {}", venueId(clientOrderId), answer.status(),
                answer.code());
            return false;
        }
        final com.fasterxml.jackson.databind.JsonNode order = answer.body();
        final long original = FixedPoint.parse(decimal(order, "origQty").toPlainString(), spec.quantityScale());
        final long executed = FixedPoint.parse(decimal(order, "executedQty").toPlainString(), spec.quantityScale());
        final long fresh = executed - alreadyFilled;
        final long leaves = original - executed;
        if (fresh > 0 && !bookFresh(clientOrderId, side, alreadyFilled, executed, leaves,
            order.path("orderId").asLong(), spec, sink))
        {
            return false; // the fills could not be read (yet): ask again later rather than guess a price
        }
        switch (order.path("status").asText())
        {
            case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> emit(sink, spec, clientOrderId, ExecType.CANCELED, side,
                0, 0, 0, 0, RejectReason.NONE);
            case "REJECTED" -> emit(sink, spec, clientOrderId, ExecType.REJECTED, side, 0, 0, 0, 0,
                RejectReason.INVALID_ORDER);
            case "NEW" ->
            {
                if (wasUnknown)
                {
                    emit(sink, spec, clientOrderId, ExecType.ACKED, side, 0, 0, leaves, 0, RejectReason.NONE);
                }
            }
            default ->
            {
                // FILLED or PARTIALLY_FILLED: the fill above said it
            }
        }
        return true;
    }

    /**
     * Books an order's fills we have not booked yet, read from its venue trades: one fill at the average price of the
     * fresh part (the venue reports cumulative quantities), as two fills at the price units around an average between
     * two ticks so the notional stays exact; commissions of trades not booked before.
     *
     * @return false when the trades could not be read (nothing booked).
     */
    private boolean bookFresh(final long clientOrderId, final Side side, final long alreadyFilled, final long executed,
        final long leaves, final long venueOrderId, final InstrumentSpec spec, final EventSink sink)
    {
        final com.fasterxml.jackson.databind.JsonNode trades = trades(venueOrderId, spec);
        if (trades == null)
        {
            return false;
        }
        long total = 0;
        long quantity = 0;
        try
        {
            for (final com.fasterxml.jackson.databind.JsonNode fill : trades)
            {
                final long qty = FixedPoint.parse(decimal(fill, "qty").toPlainString(), spec.quantityScale());
                total = Math.addExact(total, Math.multiplyExact(qty, FixedPoint.parse(decimal(fill, "price")
                    .toPlainString(), spec.priceScale())));
                quantity += qty;
            }
        }
        catch (final ArithmeticException ex)
        {
            LOG.warn("cannot read the trades of order {}: {}", venueId(clientOrderId), ex.toString());
            return false;
        }
        if (quantity < executed)
        {
            return false;
        }
        final long fresh = executed - alreadyFilled;
        // the fresh part's notional: exact when nothing was booked before (the UNKNOWN case), else pro rata
        final long notional = alreadyFilled == 0 ? total : BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(
            fresh)).divide(BigDecimal.valueOf(quantity), 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        long fees = 0;
        for (final com.fasterxml.jackson.databind.JsonNode fill : trades)
        {
            fees += commissions.book(spec, base(spec), fill.path("id").asLong(), decimal(fill, "commission"),
                fill.path("commissionAsset").asText());
        }
        final long price = Math.floorDiv(notional, fresh);
        final long above = notional - price * fresh;
        if (above > 0)
        {
            emit(sink, spec, clientOrderId, ExecType.PARTIALLY_FILLED, side, price + 1, above, leaves + fresh - above,
                0, RejectReason.NONE);
        }
        emit(sink, spec, clientOrderId, leaves == 0 ? ExecType.FILLED : ExecType.PARTIALLY_FILLED, side, price,
            fresh - above, leaves, fees, RejectReason.NONE);
        emitFeeInKind(sink, spec, clientOrderId, price);
        return true;
    }

    /** @return an order's venue trades, or null when they could not be read. */
    private com.fasterxml.jackson.databind.JsonNode trades(final long venueOrderId, final InstrumentSpec spec)
    {
        if (limits.admit(20, false) != RejectReason.NONE)
        {
            return null;
        }
        try
        {
            final BinanceSignedRest.Answer answer = rest.call("GET", "/api/v3/myTrades", Map.of("symbol",
                spec.symbol(), "orderId", Long.toString(venueOrderId)));
            if (!answer.ok())
            {
                limits.onVenueLimit(answer);
                return null;
            }
            return answer.body();
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Cancels an order by its client id. @return false when it could not be done now (ask again). */
    @Override
    public boolean cancel(final long clientOrderId, final Side side, final InstrumentSpec spec, final EventSink sink)
    {
        if (limits.admit(1, false) != RejectReason.NONE)
        {
            return false;
        }
        try
        {
            final BinanceSignedRest.Answer answer = rest.call("DELETE", "/api/v3/order", Map.of("symbol",
                spec.symbol(), "origClientOrderId", venueId(clientOrderId)));
            if (answer.ok())
            {
                emit(sink, spec, clientOrderId, ExecType.CANCELED, side, 0, 0, 0, 0, RejectReason.NONE);
                return true;
            }
            limits.onVenueLimit(answer);
            LOG.warn("cannot cancel order {}: HTTP {} code {}", venueId(clientOrderId), answer.status(),
                answer.code());
            return false;
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot cancel order {}: {}", venueId(clientOrderId), ex.toString());
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Reads what Binance says we hold: the base asset balance (free + locked) of each instrument, the quote asset's
     * cash, and our open orders (those with a {@code keel-} client id; others are listed under their venue id's hash
     * so a foreign open order, or one of another run, still shows as a mismatch).
     *
     * @param specs the instruments traded (one quote currency).
     * @return the snapshot, or null when the venue could not be asked (the caller treats that as a halt).
     */
    @Override
    public VenueSnapshot snapshot(final List<InstrumentSpec> specs)
    {
        if (specs.isEmpty() || limits.admit(30, false) != RejectReason.NONE)
        {
            return null;
        }
        return VenueCalls.orNull(LOG, "read the Binance account", () -> BinanceAccount.read(rest, limits, ids, specs));
    }

    /** @return commissions paid in assets that are neither an instrument's base nor its quote (BNB), per asset. */
    public Map<String, BigDecimal> commissionsInOtherAssets()
    {
        return commissions.otherAssets();
    }

    /** @return the venue's last trade price of an instrument in price units, or 0 when it cannot be read. */
    @Override
    public long lastPrice(final InstrumentSpec spec)
    {
        if (limits.admit(2, false) != RejectReason.NONE)
        {
            return 0;
        }
        try
        {
            final BinanceSignedRest.Answer answer = rest.publicCall("/api/v3/ticker/price", Map.of("symbol",
                spec.symbol()));
            return answer.ok() ? FixedPoint.parse(decimal(answer.body(), "price").toPlainString(), spec.priceScale()) :
                0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
