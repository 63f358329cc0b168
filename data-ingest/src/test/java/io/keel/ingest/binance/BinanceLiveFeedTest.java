package io.keel.ingest.binance;

import io.keel.testing.Await;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live Binance feed through XChange against a loopback server replaying the real spot capture. */
class BinanceLiveFeedTest
{
    private static final LoadedConfig CONFIG = ConfigLoader.load(ConfigSource.directory(Path.of("..", "config")),
        "crypto_scalp");
    private static final InstrumentSpec BTC = CONFIG.instruments().get(0);

    private static void await(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
    {
        Await.await(condition, Duration.ofSeconds(60), what);
    }

    private static List<String> trades(final List<Event> events)
    {
        return events.stream().filter(e -> e.type == EventType.TRADE)
            .map(e -> e.side + " " + e.price + "x" + e.quantity).toList();
    }

    @Test
    void shouldStreamTheCaptureThroughXchangeIntoTheSameBookAndTradesAsTheImporter() throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        final List<Event> imported = new ArrayList<>();
        final BinanceEvents offline = new BinanceEvents(CONFIG, BTC, BinanceBookBuilder.Market.SPOT,
            e -> imported.add(new Event().copyFrom(e)));
        final BinanceCaptureReader reader = new BinanceCaptureReader(BTC.priceScale(), BTC.quantityScale());
        for (int i = 0; i < lines.size(); i++)
        {
            reader.readLine(i + 1, lines.get(i), offline);
        }

        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale()))
        {
            venue.start();
            final List<Event> live = new ArrayList<>();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.SPOT, new BinanceLiveFeed.Endpoints(
                "ws://127.0.0.1:" + venue.webSocketPort() + "/", "http://127.0.0.1:" + venue.restPort()),
                e -> live.add(new Event().copyFrom(e)), Duration.ofHours(23), () -> System.nanoTime()))
            {
                feed.start();
                await(() -> venue.position() == lines.size(), () -> "the replay to finish");
                await(() -> feed.messages() == lines.size() - 1, () -> "every stream message (" +
                    (lines.size() - 1) + "), received so far: " + feed.messages());
                synchronized (feed.lock())
                {
                    assertTrue(feed.events().book().isLive());
                    assertEquals(0, feed.events().book().gaps());
                    assertEquals(offline.book().lastUpdateId(), feed.events().book().lastUpdateId());
                    assertEquals(offline.book().bestBid(), feed.events().book().bestBid());
                    assertEquals(offline.book().bestAsk(), feed.events().book().bestAsk());
                    assertEquals(trades(imported), trades(live), "the same trades, in the same order");
                }
                assertEquals(1, feed.connections());
            }
        }
    }

    @Test
    void shouldResyncFromAFreshSnapshotAfterADroppedConnectionLosesMessages() throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale()))
        {
            venue.dropAfterMessages = 20_000;
            venue.loseOnReconnect = 500;
            venue.start();
            final List<Event> live = new ArrayList<>();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.SPOT, new BinanceLiveFeed.Endpoints(
                "ws://127.0.0.1:" + venue.webSocketPort() + "/", "http://127.0.0.1:" + venue.restPort()),
                e -> live.add(new Event().copyFrom(e)), Duration.ofHours(23), () -> System.nanoTime()))
            {
                feed.start();
                await(() -> venue.position() == lines.size(), () -> "the replay to finish");
                await(() -> feed.connections() == 2 && feed.snapshots() >= 2, () -> "a reconnect and a resync");
                // the venue has sent everything; the client may still be reading it (a busy machine): wait for it
                await(() ->
                {
                    synchronized (feed.lock())
                    {
                        return feed.messages() > 30_000;
                    }
                }, () -> "the client to read what was sent");
                await(() ->
                {
                    synchronized (feed.lock())
                    {
                        return feed.events().book().isLive();
                    }
                }, () -> "a live book");
                synchronized (feed.lock())
                {
                    assertTrue(live.stream().anyMatch(e -> e.type == EventType.QUALITY_FLAG && e.level == 0 &&
                        e.qualityCode == io.keel.core.event.QualityCode.SEQUENCE_GAP), "the gap cleared by a resync");
                    assertTrue(venue.snapshotRequests >= 2);
                    assertTrue(feed.messages() > 30_000 && feed.messages() < lines.size() - 1 - 400,
                        "most messages arrived, the lost ones did not: " + feed.messages());
                    assertTrue(live.stream().filter(e -> e.type == EventType.TRADE).count() > 5_000);
                    assertEquals(2, feed.connections(), "one reconnect");
                }
            }
        }
    }

    @Test
    void shouldReconnectOnPurposeBeforeTheVenueCutsTheConnectionAndResync() throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale()))
        {
            venue.start();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.SPOT, new BinanceLiveFeed.Endpoints(
                "ws://127.0.0.1:" + venue.webSocketPort() + "/", "http://127.0.0.1:" + venue.restPort()),
                e -> { }, Duration.ofMillis(300), () -> System.nanoTime()))
            {
                feed.start();
                await(() -> feed.connections() >= 3, () -> "two planned reconnects, got " + feed.connections());
                await(() ->
                {
                    synchronized (feed.lock())
                    {
                        return feed.events().book().isLive() && feed.snapshots() >= feed.connections();
                    }
                }, () -> "a resync after each reconnect");
            }
        }
    }

    @Test
    void shouldStreamTheUsdmCaptureWithFuturesChainingRules() throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/usdm_btcusdt_20240808.txt"));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale(),
            BinanceBookBuilder.Market.USD_M))
        {
            venue.start();
            final List<Event> live = new ArrayList<>();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.USD_M,
                new BinanceLiveFeed.Endpoints("ws://127.0.0.1:" + venue.webSocketPort() + "/",
                    "http://127.0.0.1:" + venue.restPort()), e -> live.add(new Event().copyFrom(e)),
                Duration.ofHours(23), () -> System.nanoTime()))
            {
                feed.start();
                await(() -> feed.messages() == lines.size() - 1, () -> "every USD-M message, got " + feed.messages());
                synchronized (feed.lock())
                {
                    assertTrue(feed.events().book().isLive(), "snapshots " + feed.snapshots() + ", requests " +
                        venue.snapshotRequests + ", gaps " + feed.events().book().gaps() + ", stale " +
                        feed.events().book().isStale() + ", anomalies " + feed.events().anomalies());
                    assertEquals(0, feed.events().book().gaps());
                    assertEquals(21_313, live.stream().filter(e -> e.type == EventType.TRADE).count());
                }
                assertTrue(venue.snapshotRequests >= 1, "the snapshot came from /fapi/v1/depth");
            }
        }
    }

    @Test
    void shouldBackOffOn5xxWaitTheRetryAfterOfA429AndHaltOnA418() throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale()))
        {
            venue.failures = new int[] {503, 429};
            venue.start();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.SPOT,
                new BinanceLiveFeed.Endpoints("ws://127.0.0.1:" + venue.webSocketPort() + "/",
                    "http://127.0.0.1:" + venue.restPort()), e -> { }, Duration.ofHours(23), () -> System.nanoTime()))
            {
                feed.start();
                await(() -> feed.snapshots() == 1, () -> "a snapshot after the 503 and the 429");
                assertEquals(3, venue.requestTimesNs.size());
                assertTrue(venue.requestTimesNs.get(1) - venue.requestTimesNs.get(0) >= 900_000_000L,
                    "a 5xx backs off a second");
                assertTrue(venue.requestTimesNs.get(2) - venue.requestTimesNs.get(1) >= 900_000_000L,
                    "Retry-After: 1 was honoured");
            }
        }
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, BTC.priceScale(), BTC.quantityScale()))
        {
            venue.failures = new int[] {418, 418, 418};
            venue.start();
            final List<Event> live = new ArrayList<>();
            try (BinanceLiveFeed feed = new BinanceLiveFeed(CONFIG, BTC, BinanceBookBuilder.Market.SPOT,
                new BinanceLiveFeed.Endpoints("ws://127.0.0.1:" + venue.webSocketPort() + "/",
                    "http://127.0.0.1:" + venue.restPort()), e ->
                {
                    synchronized (live)
                    {
                        live.add(new Event().copyFrom(e));
                    }
                }, Duration.ofHours(23), () -> System.nanoTime()))
            {
                feed.start();
                await(() ->
                {
                    synchronized (live)
                    {
                        return live.stream().anyMatch(e -> e.type == EventType.QUALITY_FLAG && e.level == 1 &&
                            e.qualityCode == io.keel.core.event.QualityCode.STALE_FEED);
                    }
                }, () -> "a STALE_FEED flag after the 418");
                await(() -> feed.snapshots() == 1, () -> "the ban to end after Retry-After and a snapshot");
                assertTrue(venue.requestTimesNs.get(1) - venue.requestTimesNs.get(0) >= 900_000_000L,
                    "no REST call while banned");
            }
        }
    }
}
