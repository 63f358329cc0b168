package io.keel.ingest.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;
import io.keel.ingest.quality.QualityGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Alpaca stock market data, IEX feed, on a thin {@code java.net.http} client: the v2 stream (connect, authenticate,
 * subscribe to trades, quotes and minute bars of the configured symbols) becomes TRADE, QUOTE and BAR events through
 * the {@link QualityGate}; the REST bars endpoint backfills minute bars. A dropped stream reconnects with backoff
 * (1 s to 30 s) and raises STALE_FEED until data flows again; an authentication error (402) or a refused
 * subscription stops the feed with a clear log line, never with the key. Events carry the local receive time
 * ({@code clockNs}); the sink is called under a lock, one event at a time.
 */
public final class AlpacaMarketData implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AlpacaMarketData.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE_NS = 60_000_000_000L;

    /**
     * Where Alpaca is.
     *
     * @param stream the data stream, e.g. {@code wss://stream.data.alpaca.markets/v2/iex}.
     * @param rest   the data API, e.g. {@code https://data.alpaca.markets}.
     */
    public record Endpoints(URI stream, URI rest)
    {
        /** Alpaca production, IEX feed. */
        public static final Endpoints IEX = new Endpoints(URI.create("wss://stream.data.alpaca.markets/v2/iex"),
            URI.create("https://data.alpaca.markets"));
    }

    private final List<InstrumentSpec> instruments;
    private final Map<String, InstrumentSpec> bySymbol = new HashMap<>();
    private final Endpoints endpoints;
    private final AlpacaCredentials credentials;
    private final EventSink sink;
    private final LongSupplier clockNs;
    private final QualityGate gate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread thread = new Thread(r, "keel-alpaca");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private final Event event = new Event();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean subscribed;
    private volatile String failure;
    private volatile WebSocket socket;
    private volatile long backoffMs = 1_000;
    private boolean stale;

    /**
     * @param instruments the equities to stream (their symbols).
     * @param clockNs     receive-time clock, epoch ns.
     */
    public AlpacaMarketData(
        final LoadedConfig loaded, final List<InstrumentSpec> instruments, final Endpoints endpoints,
        final AlpacaCredentials credentials, final EventSink sink, final LongSupplier clockNs)
    {
        this.instruments = List.copyOf(instruments);
        instruments.forEach(i -> bySymbol.put(i.symbol(), i));
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.sink = sink;
        this.clockNs = clockNs;
        this.gate = new QualityGate(loaded.instruments(), 1, 0.5, 2.25, 0.5, Long.MAX_VALUE);
    }

    /** Opens the stream; authentication and subscription follow the venue's greeting. */
    public void start()
    {
        connect();
    }

    private void connect()
    {
        if (closed)
        {
            return;
        }
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(endpoints.stream(), new Listener())
            .whenComplete((ws, error) ->
            {
                if (error != null)
                {
                    LOG.warn("alpaca stream connection failed: {}", error.toString());
                    reconnectLater();
                }
                else
                {
                    socket = ws;
                    connections.incrementAndGet();
                }
            });
    }

    private void reconnectLater()
    {
        if (closed || failure != null)
        {
            return;
        }
        synchronized (lock)
        {
            if (!stale)
            {
                stale = true;
                for (final InstrumentSpec spec : instruments)
                {
                    sink.onEvent(event.qualityFlag(clockNs.getAsLong(), spec.id(), QualityCode.STALE_FEED, true, 0));
                }
            }
        }
        final long delay = backoffMs;
        backoffMs = Math.min(30_000, backoffMs * 2);
        timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** The stream's listener: whole text messages are JSON arrays of typed objects. */
    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                final String text = partial.toString();
                partial.setLength(0);
                onMessage(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            LOG.warn("alpaca stream closed ({} {})", statusCode, reason);
            subscribed = false;
            reconnectLater();
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            LOG.warn("alpaca stream error: {}", error.toString());
            subscribed = false;
            reconnectLater();
        }
    }

    private void onMessage(final WebSocket webSocket, final String text)
    {
        final long now = clockNs.getAsLong();
        final JsonNode root;
        try
        {
            root = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            LOG.warn("alpaca message skipped, not JSON: {}", ex.getMessage());
            return;
        }
        for (final JsonNode message : root.isArray() ? root : JSON.createArrayNode().add(root))
        {
            messages.incrementAndGet();
            final String type = message.path("T").asText();
            switch (type)
            {
                case "success" -> onSuccess(webSocket, message.path("msg").asText());
                case "subscription" ->
                {
                    subscribed = true;
                    backoffMs = 1_000;
                    LOG.info("alpaca subscribed: {}", message);
                }
                case "error" -> onVenueError(webSocket, message.path("code").asInt(), message.path("msg").asText());
                case "t", "q", "b" -> onData(now, type, message);
                default -> LOG.debug("alpaca message ignored: {}", type);
            }
        }
    }

    private void onSuccess(final WebSocket webSocket, final String what)
    {
        if ("connected".equals(what))
        {
            final ObjectNode auth = JSON.createObjectNode().put("action", "auth").put("key", credentials.keyId())
                .put("secret", credentials.secret());
            webSocket.sendText(auth.toString(), true);
        }
        else if ("authenticated".equals(what))
        {
            final ObjectNode subscribe = JSON.createObjectNode().put("action", "subscribe");
            for (final String channel : new String[] {"trades", "quotes", "bars"})
            {
                final ArrayNode symbols = subscribe.putArray(channel);
                instruments.forEach(i -> symbols.add(i.symbol()));
            }
            webSocket.sendText(subscribe.toString(), true);
        }
    }

    private void onVenueError(final WebSocket webSocket, final int code, final String message)
    {
        failure = code + " " + message;
        LOG.error("ALERT: alpaca refused the stream: {} {} (feed stopped)", code, message);
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "error " + code);
    }

    private void onData(final long now, final String type, final JsonNode m)
    {
        final InstrumentSpec spec = bySymbol.get(m.path("S").asText());
        if (spec == null)
        {
            return;
        }
        synchronized (lock)
        {
            if (stale)
            {
                stale = false;
                for (final InstrumentSpec i : instruments)
                {
                    sink.onEvent(event.qualityFlag(now, i.id(), QualityCode.STALE_FEED, false, 0));
                }
            }
            switch (type)
            {
                case "t" -> event.trade(now, spec.id(), Side.NONE, price(m.path("p"), spec), size(m.path("s"), spec));
                case "q" -> event.quote(now, spec.id(), price(m.path("bp"), spec), size(m.path("bs"), spec),
                    price(m.path("ap"), spec), size(m.path("as"), spec));
                default -> bar(now, spec, m);
            }
            if (gate.check(event, sink))
            {
                sink.onEvent(event);
            }
        }
    }

    private void bar(final long now, final InstrumentSpec spec, final JsonNode m)
    {
        event.reset();
        event.type = EventType.BAR;
        event.timestampNs = now;
        event.instrumentId = spec.id();
        event.open = price(m.path("o"), spec);
        event.high = price(m.path("h"), spec);
        event.low = price(m.path("l"), spec);
        event.price = price(m.path("c"), spec);
        event.quantity = size(m.path("v"), spec);
        event.value = MINUTE_NS;
    }

    /**
     * Fetches minute bars from the REST API, following pagination, as BAR events stamped at each bar's end.
     *
     * @return bars delivered.
     */
    public int backfillMinuteBars(final InstrumentSpec spec, final Instant start, final Instant end)
        throws IOException, InterruptedException
    {
        int delivered = 0;
        String pageToken = null;
        do
        {
            final String url = endpoints.rest() + "/v2/stocks/" + spec.symbol() + "/bars?timeframe=1Min&feed=iex" +
                "&limit=10000&start=" + start + "&end=" + end + (pageToken == null ? "" : "&page_token=" + pageToken);
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("APCA-API-KEY-ID", credentials.keyId()).header("APCA-API-SECRET-KEY", credentials.secret())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                throw new IOException("alpaca bars for " + spec.symbol() + " answered HTTP " + response.statusCode());
            }
            final JsonNode body = JSON.readTree(response.body());
            for (final JsonNode bar : body.path("bars"))
            {
                synchronized (lock)
                {
                    bar(0, spec, bar);
                    final Instant barStart = Instant.parse(bar.path("t").asText());
                    event.timestampNs = barStart.getEpochSecond() * 1_000_000_000L + barStart.getNano() + MINUTE_NS;
                    if (gate.check(event, sink))
                    {
                        sink.onEvent(event);
                    }
                }
                delivered++;
            }
            pageToken = body.path("next_page_token").isTextual() ? body.path("next_page_token").asText() : null;
        }
        while (pageToken != null);
        return delivered;
    }

    private static long price(final JsonNode value, final InstrumentSpec spec)
    {
        return new BigDecimal(value.asText("0")).setScale(spec.priceScale(), RoundingMode.HALF_EVEN).unscaledValue()
            .longValueExact();
    }

    private static long size(final JsonNode value, final InstrumentSpec spec)
    {
        return FixedPoint.rescale(value.asLong(), 0, spec.quantityScale(), FixedPoint.Rounding.DOWN);
    }

    /** @return true once the venue confirmed the subscription. */
    public boolean subscribed()
    {
        return subscribed;
    }

    /** @return the venue's refusal ("402 auth failed"), or null. */
    public String failure()
    {
        return failure;
    }

    /** @return stream messages received. */
    public long messages()
    {
        return messages.get();
    }

    /** @return connections opened. */
    public long connections()
    {
        return connections.get();
    }

    @Override
    public void close()
    {
        closed = true;
        timer.shutdownNow();
        final WebSocket ws = socket;
        if (ws != null)
        {
            ws.abort();
        }
    }
}
