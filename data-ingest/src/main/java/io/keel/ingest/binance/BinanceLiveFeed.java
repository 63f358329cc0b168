package io.keel.ingest.binance;

import com.fasterxml.jackson.databind.JsonNode;
import info.bitrich.xchangestream.binance.BinanceStreamingService;
import info.bitrich.xchangestream.binance.KlineSubscription;
import info.bitrich.xchangestream.core.ProductSubscription;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.EventSink;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.ExchangeType;
import org.knowm.xchange.binance.dto.marketdata.BinanceOrderbook;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.derivative.FuturesContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Binance spot or USD-M perpetual market data through XChange: the combined WebSocket stream of depth diffs, trades
 * and bookTicker
 * ({@code BinanceStreamingService}, Netty) and the REST depth snapshot ({@code BinanceMarketDataServiceRaw}), with the
 * book rebuilt by our own {@link BinanceBookBuilder} under Binance's sequence rules and translated by
 * {@link BinanceEvents}. A gap, or a reconnect (which loses messages), marks the book stale and fetches a new
 * snapshot; XChange reconnects by itself, and the feed also reconnects on purpose every {@code reconnectEvery}
 * (Binance cuts connections at 24 h). XChange's retry switch stays off: a failed snapshot is retried by this feed,
 * visibly. Events are stamped with the local receive time ({@code clockNs}) and go to the sink under a lock, one at
 * a time, in arrival order.
 */
public final class BinanceLiveFeed implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceLiveFeed.class);
    private static final int SNAPSHOT_LIMIT = 1000;

    /**
     * Where the venue is.
     *
     * @param webSocketBase base of the stream URL, e.g. {@code wss://stream.binance.com:9443/}.
     * @param restBase      base of the REST API, e.g. {@code https://api.binance.com}.
     */
    public record Endpoints(String webSocketBase, String restBase)
    {
        /** Binance spot production. */
        public static final Endpoints SPOT = new Endpoints("wss://stream.binance.com:9443/", "https://api.binance.com");
        /** Binance USD-M futures production. */
        public static final Endpoints USD_M = new Endpoints("wss://fstream.binance.com/", "https://fapi.binance.com");
    }

    /**
     * XChange's Binance exchange, except that an explicit REST URL survives the futures host selection (which would
     * otherwise always point USD-M at production): how tests reach a loopback venue.
     */
    public static final class RestUrlBinanceExchange extends BinanceExchange
    {
        /** Exchange-specific parameter holding the REST base URL to keep. */
        public static final String REST_URL = "Keel_Rest_Url";

        @Override
        protected void concludeHostParams(final ExchangeSpecification specification)
        {
            super.concludeHostParams(specification);
            final Object url = specification.getExchangeSpecificParametersItem(REST_URL);
            if (url != null)
            {
                specification.setSslUri(url.toString());
            }
        }
    }

    private final InstrumentSpec spec;
    private final Endpoints endpoints;
    private final LongSupplier clockNs;
    private final Duration reconnectEvery;
    private final BinanceEvents events;
    private final BinanceCaptureReader reader;
    private final String prefix;
    private final BinanceBookBuilder.Market market;
    private final Object lock = new Object();
    private final ExecutorService snapshots = Executors.newSingleThreadExecutor(r -> daemon(r, "keel-binance-rest"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        r -> daemon(r, "keel-binance-reconnect"));
    private final CompositeDisposable subscriptions = new CompositeDisposable();
    private final AtomicBoolean snapshotPending = new AtomicBoolean();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong snapshotsTaken = new AtomicLong();
    private BinanceStreamingService streaming;
    private volatile boolean banned;
    private volatile long backoffMs = 1_000;
    private BinanceMarketDataServiceRaw rest;

    /**
     * @param loaded         configuration (book depth, timer interval).
     * @param spec           the instrument (its symbol names the streams).
     * @param market         spot, or USD-M perpetual.
     * @param endpoints      venue URLs.
     * @param sink           where events go.
     * @param reconnectEvery planned reconnect period (e.g. 23 h 50 min).
     * @param clockNs        receive-time clock, epoch ns.
     */
    public BinanceLiveFeed(
        final LoadedConfig loaded, final InstrumentSpec spec, final BinanceBookBuilder.Market market,
        final Endpoints endpoints, final EventSink sink, final Duration reconnectEvery, final LongSupplier clockNs)
    {
        this.spec = spec;
        this.market = market;
        this.endpoints = endpoints;
        this.clockNs = clockNs;
        this.reconnectEvery = reconnectEvery;
        this.events = new BinanceEvents(loaded, spec, market, sink);
        this.reader = new BinanceCaptureReader(spec.priceScale(), spec.quantityScale());
        this.prefix = spec.symbol().toLowerCase(Locale.ROOT);
    }

    private static Thread daemon(final Runnable runnable, final String name)
    {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Connects, subscribes and asks for the first snapshot; returns once connected. */
    public void start()
    {
        final ExchangeSpecification rest = new ExchangeSpecification(RestUrlBinanceExchange.class);
        rest.setSslUri(endpoints.restBase());
        rest.setExchangeSpecificParametersItem(RestUrlBinanceExchange.REST_URL, endpoints.restBase());
        rest.setExchangeSpecificParametersItem(BinanceExchange.EXCHANGE_TYPE,
            market == BinanceBookBuilder.Market.SPOT ? ExchangeType.SPOT : ExchangeType.FUTURES);
        rest.setShouldLoadRemoteMetaData(false);
        rest.getResilience().setRetryEnabled(false);
        rest.getResilience().setRateLimiterEnabled(false);
        this.rest = (BinanceMarketDataServiceRaw)ExchangeFactory.INSTANCE.createExchange(rest).getMarketDataService();

        final String depth = prefix + (market == BinanceBookBuilder.Market.SPOT ? "@depth@100ms" : "@depth@0ms");
        final String trade = prefix + "@trade";
        final String ticker = prefix + "@bookTicker";
        // A small subclass takes every frame of the combined stream as it is decoded, in order: no per-channel
        // subscription can miss the first messages after the handshake.
        streaming = new BinanceStreamingService(endpoints.webSocketBase() + "stream?streams=" + depth + "/" + trade +
            "/" + ticker, ProductSubscription.create().build(), new KlineSubscription(Collections.emptyMap()),
            1 << 20, Duration.ofSeconds(10), Duration.ofMillis(500), 60)
        {
            @Override
            protected void handleMessage(final JsonNode message)
            {
                onMessage(message);
            }
        };
        subscriptions.add(streaming.subscribeConnectionSuccess().subscribe(ignored -> onConnected()));
        streaming.connect().blockingAwait();
        timer.scheduleAtFixedRate(this::plannedReconnect, reconnectEvery.toMillis(), reconnectEvery.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    private void onConnected()
    {
        final long connection = connections.incrementAndGet();
        LOG.info("binance stream connected ({})", connection);
        if (connection > 1)
        {
            synchronized (lock)
            {
                events.book().invalidate(); // messages were lost while disconnected
            }
        }
        requestSnapshot();
    }

    private void onMessage(final JsonNode message)
    {
        final long now = clockNs.getAsLong();
        synchronized (lock)
        {
            reader.readMessage(messages.incrementAndGet(), now, message, events);
            if (events.book().isStale())
            {
                requestSnapshot();
            }
        }
    }

    private void requestSnapshot()
    {
        if (!banned && snapshotPending.compareAndSet(false, true))
        {
            snapshots.execute(this::takeSnapshot);
        }
    }

    private void takeSnapshot()
    {
        try
        {
            final CurrencyPair pair = new CurrencyPair(spec.symbol().substring(0, spec.symbol().length() - 4),
                spec.symbol().substring(spec.symbol().length() - 4));
            final BinanceOrderbook book = rest.getBinanceOrderbookAllProducts(
                market == BinanceBookBuilder.Market.SPOT ? pair : new FuturesContract(pair, "PERP"), SNAPSHOT_LIMIT);
            final DepthUpdate snapshot = new DepthUpdate();
            snapshot.snapshot = true;
            snapshot.lastId = book.lastUpdateId;
            final int ps = spec.priceScale();
            final int qs = spec.quantityScale();
            for (final Map.Entry<BigDecimal, BigDecimal> level : book.bids.entrySet())
            {
                snapshot.addBid(units(level.getKey(), ps), units(level.getValue(), qs));
            }
            for (final Map.Entry<BigDecimal, BigDecimal> level : book.asks.entrySet())
            {
                snapshot.addAsk(units(level.getKey(), ps), units(level.getValue(), qs));
            }
            synchronized (lock)
            {
                events.onDepth(clockNs.getAsLong(), snapshot);
                snapshotsTaken.incrementAndGet();
            }
            backoffMs = 1_000;
            snapshotPending.set(false);
        }
        catch (final Exception ex)
        {
            onSnapshotFailure(ex);
        }
    }

    /**
     * A failed snapshot: 418 (the venue banned this IP) halts the feed's REST calls and flags the feed stale, so risk
     * halts the instrument; 429 waits the venue's Retry-After; anything else backs off from 1 s to 30 s.
     */
    private void onSnapshotFailure(final Exception ex)
    {
        final int status = httpStatus(ex);
        final long retryAfterMs = retryAfterMs(ex);
        snapshotPending.set(false);
        if (status == 418)
        {
            banned = true;
            LOG.error("ALERT: Binance answered 418 (this IP is banned for breaking rate limits); feed {} halted{}",
                spec.symbol(), retryAfterMs > 0 ? " for " + retryAfterMs + " ms" : " until restarted");
            synchronized (lock)
            {
                events.venueHalted(clockNs.getAsLong(), true);
            }
            if (retryAfterMs > 0)
            {
                timer.schedule(this::unban, retryAfterMs, TimeUnit.MILLISECONDS);
            }
            return;
        }
        final long delayMs = status == 429 && retryAfterMs > 0 ? retryAfterMs : backoffMs;
        backoffMs = Math.min(30_000, backoffMs * 2);
        LOG.warn("depth snapshot failed ({}), retrying in {} ms", status > 0 ? "HTTP " + status : ex.toString(),
            delayMs);
        timer.schedule(this::requestSnapshot, delayMs, TimeUnit.MILLISECONDS);
    }

    private void unban()
    {
        banned = false;
        synchronized (lock)
        {
            events.venueHalted(clockNs.getAsLong(), false);
        }
        requestSnapshot();
    }

    private static int httpStatus(final Throwable error)
    {
        for (Throwable t = error; t != null; t = t.getCause())
        {
            if (t instanceof si.mazi.rescu.HttpStatusException status)
            {
                return status.getHttpStatusCode();
            }
        }
        return 0;
    }

    private static long retryAfterMs(final Throwable error)
    {
        for (Throwable t = error; t != null; t = t.getCause())
        {
            if (t instanceof si.mazi.rescu.HttpResponseAware aware && aware.getResponseHeaders() != null)
            {
                for (final Map.Entry<String, java.util.List<String>> header : aware.getResponseHeaders().entrySet())
                {
                    if ("Retry-After".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty())
                    {
                        try
                        {
                            return Long.parseLong(header.getValue().get(0).trim()) * 1000;
                        }
                        catch (final NumberFormatException ignored)
                        {
                            return 0;
                        }
                    }
                }
            }
        }
        return 0;
    }

    private static long units(final BigDecimal value, final int scale)
    {
        return FixedPoint.parse(value.toPlainString(), scale);
    }

    private void plannedReconnect()
    {
        LOG.info("planned reconnect after {}", reconnectEvery);
        try
        {
            streaming.disconnect().blockingAwait();
            streaming.connect().blockingAwait();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("planned reconnect failed: {}", ex.toString());
        }
    }

    /** @return messages received. */
    public long messages()
    {
        return messages.get();
    }

    /** @return successful connections (the first included). */
    public long connections()
    {
        return connections.get();
    }

    /** @return snapshots applied. */
    public long snapshots()
    {
        return snapshotsTaken.get();
    }

    /** @return the translator (book, anomalies); read it under {@link #lock()} while the feed runs. */
    public BinanceEvents events()
    {
        return events;
    }

    /** @return the lock events are produced under. */
    public Object lock()
    {
        return lock;
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
        subscriptions.dispose();
        if (streaming != null)
        {
            streaming.disconnect().blockingAwait();
        }
        snapshots.shutdownNow();
    }
}
