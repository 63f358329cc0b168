package io.keel.ingest.alpaca;

import io.keel.testing.Await;
import io.keel.testing.FakeAlpacaServer;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlpacaMarketDataTest
{
    static final String KEY = "PKTESTKEY0000000001";
    static final String SECRET = "fake-secret-never-logged-0123456789";
    static final List<String> SCRIPT = List.of(
        "[{\"T\":\"q\",\"S\":\"SPY\",\"bx\":\"V\",\"bp\":470.01,\"bs\":3,\"ax\":\"V\",\"ap\":470.03,\"as\":2," +
            "\"t\":\"2024-01-02T14:30:00.1Z\",\"c\":[\"R\"],\"z\":\"B\"}]",
        "[{\"T\":\"t\",\"S\":\"SPY\",\"i\":1,\"x\":\"V\",\"p\":470.02,\"s\":100,\"t\":\"2024-01-02T14:30:00.2Z\"," +
            "\"c\":[\"@\"],\"z\":\"B\"},{\"T\":\"t\",\"S\":\"SPY\",\"i\":2,\"x\":\"V\",\"p\":470.03,\"s\":50," +
            "\"t\":\"2024-01-02T14:30:00.3Z\",\"c\":[\"@\"],\"z\":\"B\"}]",
        "[{\"T\":\"q\",\"S\":\"SPY\",\"bx\":\"V\",\"bp\":470.05,\"bs\":1,\"ax\":\"V\",\"ap\":470.04,\"as\":1," +
            "\"t\":\"2024-01-02T14:30:00.4Z\",\"c\":[\"R\"],\"z\":\"B\"}]",
        "[{\"T\":\"b\",\"S\":\"SPY\",\"o\":470.0,\"h\":470.1,\"l\":469.9,\"c\":470.05,\"v\":1200," +
            "\"t\":\"2024-01-02T14:30:00Z\",\"n\":20,\"vw\":470.02}]");

    private static final LoadedConfig CONFIG = ConfigLoader.load(ConfigSource.directory(Path.of("..", "config")),
        "stocks_intraday");

    static void await(final BooleanSupplier condition, final String what)
    {
        Await.await(condition, Duration.ofSeconds(30), what);
    }

    private static AlpacaMarketData feed(final FakeAlpacaServer venue, final AlpacaCredentials credentials,
        final List<Event> events)
    {
        return new AlpacaMarketData(CONFIG, List.of(CONFIG.instruments().get(1)), new AlpacaMarketData.Endpoints(
            URI.create(venue.streamUrl()), URI.create(venue.restUrl())), credentials, e ->
            {
                synchronized (events)
                {
                    events.add(new Event().copyFrom(e));
                }
            }, System::nanoTime);
    }

    private static long count(final List<Event> events, final EventType type)
    {
        synchronized (events)
        {
            return events.stream().filter(e -> e.type == type).count();
        }
    }

    @Test
    void shouldAuthenticateSubscribeAndTurnTheStreamIntoGatedEvents() throws Exception
    {
        try (FakeAlpacaServer venue = new FakeAlpacaServer(KEY, SECRET, SCRIPT))
        {
            venue.start();
            final List<Event> events = new ArrayList<>();
            try (AlpacaMarketData feed = feed(venue, AlpacaCredentials.fromEnvironment(Map.of("APCA_API_KEY_ID", KEY,
                "APCA_API_SECRET_KEY", SECRET)), events))
            {
                feed.start();
                await(() -> count(events, EventType.BAR) == 1, "the bar, last of the script");
                assertTrue(feed.subscribed());
                assertEquals(2, count(events, EventType.TRADE));
                assertEquals(2, count(events, EventType.QUOTE));
                synchronized (events)
                {
                    assertTrue(events.stream().anyMatch(e -> e.type == EventType.QUALITY_FLAG &&
                        e.qualityCode == QualityCode.CROSSED_BOOK && e.level == 1), "the crossed quote is flagged");
                    assertTrue(events.stream().anyMatch(e -> e.type == EventType.TRADE && e.price == 470_0200));
                }
                assertTrue(venue.received.get(1).contains("\"action\":\"subscribe\"") &&
                    venue.received.get(1).contains("SPY"), venue.received.toString());
                assertEquals(3, feed.backfillMinuteBars(CONFIG.instruments().get(1),
                    Instant.parse("2024-01-02T14:30:00Z"), Instant.parse("2024-01-02T14:33:00Z")), "two REST pages");
            }
        }
    }

    @Test
    void shouldStopOnAuthFailureAndReconnectAfterADrop() throws Exception
    {
        try (FakeAlpacaServer venue = new FakeAlpacaServer(KEY, SECRET, SCRIPT))
        {
            venue.start();
            final List<Event> events = new ArrayList<>();
            try (AlpacaMarketData feed = feed(venue, AlpacaCredentials.fromEnvironment(Map.of("APCA_API_KEY_ID", KEY,
                "APCA_API_SECRET_KEY", "wrong")), events))
            {
                feed.start();
                await(() -> feed.failure() != null, "the venue's refusal");
                assertEquals("402 auth failed", feed.failure());
                assertFalse(feed.subscribed());
            }
        }
        try (FakeAlpacaServer venue = new FakeAlpacaServer(KEY, SECRET, SCRIPT))
        {
            venue.dropFirstConnection = true;
            venue.start();
            final List<Event> events = new ArrayList<>();
            try (AlpacaMarketData feed = feed(venue, AlpacaCredentials.fromEnvironment(Map.of("APCA_API_KEY_ID", KEY,
                "APCA_API_SECRET_KEY", SECRET)), events))
            {
                feed.start();
                await(() -> count(events, EventType.BAR) == 2, "the script twice, over two connections");
                assertEquals(2, feed.connections());
                synchronized (events)
                {
                    assertTrue(events.stream().anyMatch(e -> e.qualityCode == QualityCode.STALE_FEED && e.level == 1));
                    assertTrue(events.stream().anyMatch(e -> e.qualityCode == QualityCode.STALE_FEED && e.level == 0));
                }
            }
        }
    }

    @Test
    void shouldReadKeysFromAnOwnerOnlyFileAndRefuseAnOpenOne(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("alpaca.properties");
        Files.writeString(file, "key_id=" + KEY + "\nsecret_key=" + SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        final IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
            () -> AlpacaCredentials.fromFile(file));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        final AlpacaCredentials credentials = AlpacaCredentials.fromFile(file);
        assertEquals(KEY, credentials.keyId());
        assertFalse(credentials.toString().contains(SECRET), credentials.toString());
        assertFalse(credentials.toString().contains(KEY), credentials.toString());
    }
}
