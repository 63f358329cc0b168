package io.keel.app;

import io.keel.testing.FakeBinanceVenue;
import io.keel.ingest.binance.FakeBinanceServer;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --market-ws}: the daemon trades on a live venue's market data (a loopback Binance replaying the real
 * capture) instead of the simulated market, paper or live, and the session replays and verifies like any other.
 */
class LiveMarketDataTest
{
    private static final String KEY = "md-test-key";
    private static final String SECRET = "md-test-secret";

    private static Path config(final Path dir, final boolean live) throws IOException
    {
        final Path config = TrainedModels.builtInConfig(dir);
        final Path scalp = config.resolve("modes/crypto_scalp.yaml");
        String text = Files.readString(scalp);
        text = text.substring(0, text.indexOf("  - symbol: ETHUSDT")) + text.substring(text.indexOf("\nsim:") + 1);
        if (live)
        {
            // market orders: the loopback venue fills them at its price, so live fills can be set against simulated ones
            text = text.replace("  orderType: limit\n", "  orderType: market\n  liveTrading: true\n");
        }
        Files.writeString(scalp, text);
        return config;
    }

    private static long count(final Path journal, final String type)
    {
        final CliRunner.Result dump = CliRunner.keel("dump", "--journal", journal.toString(), "--type", type);
        assertEquals(ExitCode.OK, dump.exitCode(), dump.all());
        return dump.out().lines().count();
    }

    /**
     * A live process has one timer source: TIMER ids run 1, 2, 3, ... with no gap or repeat, one per interval of
     * wall time, whatever the number of feeds.
     */
    static void assertOneTimerSource(final Path journal, final int atLeast)
    {
        final CliRunner.Result dump = CliRunner.keel("dump", "--journal", journal.toString(), "--type", "TIMER");
        assertEquals(ExitCode.OK, dump.exitCode(), dump.all());
        final List<String> timers = dump.out().lines().toList();
        assertTrue(timers.size() >= atLeast, "at least " + atLeast + " timers: " + timers);
        final java.util.regex.Pattern fields = java.util.regex.Pattern.compile("ts=(\\d+),.* value=(\\d+),");
        long previousNs = 0;
        for (int i = 0; i < timers.size(); i++)
        {
            final java.util.regex.Matcher m = fields.matcher(timers.get(i));
            assertTrue(m.find(), timers.get(i));
            assertEquals(i + 1, Long.parseLong(m.group(2)), "timer ids from one source: " + timers);
            final long ns = Long.parseLong(m.group(1));
            assertEquals(0, ns % 1_000_000_000L, "on the interval's boundary: " + timers.get(i));
            if (i > 0)
            {
                assertEquals(1_000_000_000L, ns - previousNs, "one timer per interval: " + timers);
            }
            previousNs = ns;
        }
    }

    @Test
    void shouldPaperTradeOnTheLiveFeedAndVerifyTheSession(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer market = new FakeBinanceServer(lines, 2, 6))
        {
            market.start();
            final Path journal = dir.resolve("journal");
            final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--config-dir",
                config(dir, false).toString(), "--state-dir", dir.resolve("state").toString(), "--journal-dir",
                journal.toString(), "--duration", "6s", "--market-ws", "ws://127.0.0.1:" + market.webSocketPort() +
                "/", "--market-rest", "http://127.0.0.1:" + market.restPort());
            assertEquals(ExitCode.OK, run.exitCode(), run.all());
            assertTrue(run.out().contains("paper trading, mode crypto_scalp [BTCUSDT] on live market data from ws://"),
                run.all());
            assertEquals(lines.size(), market.position(), "the whole capture was streamed");
            assertEquals(9_757, count(journal, "TRADE"), "every trade of the feed, and no simulated one");
            assertOneTimerSource(journal, 4);
            final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journal.toString());
            assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
        }
    }

    @Test
    void shouldSendLiveOrdersDecidedOnTheLiveFeedExactlyOnceEach(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer market = new FakeBinanceServer(lines, 2, 6);
             FakeBinanceVenue venue = new FakeBinanceVenue(KEY, SECRET))
        {
            market.start();
            venue.price = new BigDecimal("61837.63"); // the capture's first trade
            final Path keys = dir.resolve("binance.properties");
            Files.writeString(keys, "api_key=" + KEY + "\napi_secret=" + SECRET + "\n");
            Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            final Path journal = dir.resolve("journal");
            final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--config-dir",
                config(dir, true).toString(), "--state-dir", dir.resolve("state").toString(), "--journal-dir",
                journal.toString(), "--duration", "6s", "--live-binance", venue.url(), "--binance-keys",
                keys.toString(), "--market-ws", "ws://127.0.0.1:" + market.webSocketPort() + "/", "--market-rest",
                "http://127.0.0.1:" + market.restPort());
            assertEquals(ExitCode.OK, run.exitCode(), run.all());
            assertTrue(run.out().contains("LIVE orders to Binance " + venue.url() + ", mode crypto_scalp [BTCUSDT] on live " +
                "market data"), run.all());
            assertEquals(9_757, count(journal, "TRADE"), "the decisions were taken on the feed");
            final CliRunner.Result intents = CliRunner.keel("dump", "--journal", journal.toString(), "--type",
                "ORDER_INTENT");
            final long newOrders = intents.out().lines().filter(l -> !l.contains("CANCEL_ALL")).count();
            assertTrue(newOrders > 0, "the session decided to trade: " + intents.out());
            assertEquals(newOrders, venue.newOrderClientIds.size(), "each new order reached the venue once: " +
                venue.newOrderClientIds);
            assertEquals(newOrders, venue.newOrderClientIds.stream().distinct().count());
            assertTrue(run.out().contains("fills="), run.all());

            // the live session measured against the backtest: each live order next to what the simulated exchange
            // would have given the same order at the same point of the journal
            final Path results = dir.resolve("results");
            final CliRunner.Result report = CliRunner.keel("backtest", "--mode", "crypto_scalp", "--config-dir",
                config(dir.resolve("again"), true).toString(), "--journal", journal.toString(), "--fills",
                "recorded", "--out", results.toString());
            assertEquals(ExitCode.OK, report.exitCode(), report.all());
            final List<String> fills = Files.readAllLines(results.resolve("fills.csv"));
            assertEquals("order_id,time,symbol,side,quantity,live_filled,live_avg_price,live_seconds_to_fill," +
                "sim_filled,sim_avg_price,sim_seconds_to_fill,live_vs_sim_bps", fills.get(0));
            assertEquals(newOrders, fills.size() - 1, "one row per live order: " + fills);
            final java.util.Set<String> journaled = new java.util.HashSet<>();
            final java.util.regex.Pattern id = java.util.regex.Pattern.compile("clOrdId=(\\d+)");
            intents.out().lines().filter(l -> !l.contains("CANCEL_ALL")).forEach(l ->
            {
                final java.util.regex.Matcher m = id.matcher(l);
                assertTrue(m.find(), l);
                journaled.add(m.group(1));
            });
            final java.util.Set<String> compared = new java.util.HashSet<>();
            for (final String row : fills.subList(1, fills.size()))
            {
                final String[] f = row.split(",", -1);
                assertEquals(12, f.length, row);
                compared.add(f[0]);
                assertEquals("BTCUSDT", f[2], row);
                if (!f[5].isEmpty() && new BigDecimal(f[5]).signum() > 0)
                {
                    assertTrue(!f[6].isEmpty() && !f[7].isEmpty(), "a live fill has its price and time: " + row);
                }
                assertEquals(!f[6].isEmpty() && !f[9].isEmpty(), !f[11].isEmpty(),
                    "slippage exactly where both filled: " + row);
            }
            assertEquals(journaled, compared, "every live order compared, and nothing else");
            final com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(results.resolve("summary.json").toFile()).get("liveVsSimulated");
            assertEquals(newOrders, summary.get("orders").asLong(), summary.toString());
            assertTrue(summary.get("filledLive").asInt() > 0, "the loopback venue filled some: " + summary);
            assertTrue(summary.get("filledSimulated").asInt() > 0, "and so would the simulator: " + summary);
        }
    }
}
