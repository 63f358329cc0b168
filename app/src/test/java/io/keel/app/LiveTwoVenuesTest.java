package io.keel.app;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.testing.FakeAlpacaBroker;
import io.keel.testing.FakeBinanceVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One book across two venues: Binance crypto and Alpaca equities in one daemon, one portfolio, one risk overlay, each
 * instrument's orders sent to its own venue's agent, both fakes on loopback at once. The book opens with both venues'
 * cash; every journaled order reached its venue and no other; the journal's positions are the venues'; a restart
 * opens from both venues' positions; {@code verify} regenerates every order.
 */
class LiveTwoVenuesTest
{
    private static final String BINANCE_KEY = "two-venue-binance-key";
    private static final String BINANCE_SECRET = "two-venue-binance-secret";
    private static final String ALPACA_KEY = "two-venue-alpaca-key";
    private static final String ALPACA_SECRET = "two-venue-alpaca-secret";

    /** crypto_scalp with BTCUSDT on Binance and SPY on Alpaca, in a NYSE session, live trading allowed. */
    private static Path config(final Path dir) throws IOException
    {
        final Path config = TrainedModels.builtInConfig(dir);
        final Path scalp = config.resolve("modes/crypto_scalp.yaml");
        String text = Files.readString(scalp);
        final int eth = text.indexOf("  - symbol: ETHUSDT");
        final int after = text.indexOf("\nsim:");
        text = text.substring(0, eth) + """
              - symbol: SPY
                assetClass: EQUITY
                priceScale: 2
                tickSize: 0.01
                quantityScale: 0
                lotSize: 1
                minNotionalUsd: 1
                quoteCurrency: USD
                calendar: NYSE
                startPrice: 600.00
                venue: alpaca
            """ + text.substring(after + 1);
        text = text.replace("mode: crypto_scalp\n", "mode: crypto_scalp\nrun:\n  startTime: \"2026-01-05T15:00:00Z\"\n")
            .replace("  orderType: limit\n", "  orderType: market\n  liveTrading: true\n");
        Files.writeString(scalp, text);
        return config;
    }

    private static Path keys(final Path dir, final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Orders sent and positions filled per instrument (0 BTCUSDT, 1 SPY), from a journal. */
    private record Book(int[] orders, long[] position)
    {
    }

    private static Book book(final Path journal)
    {
        final Book book = new Book(new int[2], new long[2]);
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event e = new Event();
            final DecisionRecord d = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(e, d)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind != RecordKind.EVENT)
                {
                    continue;
                }
                if (e.type == EventType.ORDER_INTENT && e.command == OperatorCommand.NONE)
                {
                    book.orders[e.instrumentId]++;
                }
                if (e.type == EventType.EXECUTION_REPORT && e.quantity > 0 &&
                    (e.execType == ExecType.FILLED || e.execType == ExecType.PARTIALLY_FILLED))
                {
                    book.position[e.instrumentId] += e.side.sign() * e.quantity;
                }
            }
        }
        return book;
    }

    private static Path journalIn(final Path dir) throws IOException
    {
        try (Stream<Path> runs = Files.list(dir))
        {
            return runs.filter(Files::isDirectory).findFirst().orElse(dir);
        }
    }

    @Test
    void shouldRefuseALiveBookWithAnInstrumentWhoseVenueHasNoGateway(@TempDir final Path dir) throws Exception
    {
        final Path config = config(dir.resolve("config"));
        final Path binanceKeys = keys(dir, "binance.properties", "api_key=" + BINANCE_KEY + "\napi_secret=" +
            BINANCE_SECRET + "\n");
        try (FakeBinanceVenue binance = new FakeBinanceVenue(BINANCE_KEY, BINANCE_SECRET))
        {
            final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--fast", "--duration", "1m",
                "--config-dir", config.toString(), "--state-dir", dir.resolve("state").toString(), "--no-journal",
                "--live-binance", binance.url(), "--binance-keys", binanceKeys.toString(), "--simulated-market-data",
                "--no-http");
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.all());
            assertTrue(run.err().contains("SPY trades on alpaca (instruments[].venue), which has no live gateway " +
                "in this run (--live-alpaca)"), run.all());
            assertEquals(0, binance.newOrderClientIds.size(), "nothing was sent");
            assertEquals(0, binance.requests.get(), "the venue was not even asked before the book was refused");
        }
    }

    @Test
    void shouldTradeOneBookOnBinanceAndAlpacaEachInstrumentOnItsVenue(@TempDir final Path dir) throws Exception
    {
        final Path config = config(dir.resolve("config"));
        final Path binanceKeys = keys(dir, "binance.properties", "api_key=" + BINANCE_KEY + "\napi_secret=" +
            BINANCE_SECRET + "\n");
        final Path alpacaKeys = keys(dir, "alpaca.properties", "key_id=" + ALPACA_KEY + "\nsecret_key=" +
            ALPACA_SECRET + "\n");
        final Path state = dir.resolve("state");
        try (FakeBinanceVenue binance = new FakeBinanceVenue(BINANCE_KEY, BINANCE_SECRET);
             FakeAlpacaBroker alpaca = new FakeAlpacaBroker(ALPACA_KEY, ALPACA_SECRET, new BigDecimal("50000")))
        {
            alpaca.prices.put("SPY", new BigDecimal("600.00"));
            final Path first = dir.resolve("first");
            final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--fast", "--duration", "5m",
                "--config-dir", config.toString(), "--state-dir", state.toString(), "--journal-dir", first.toString(),
                "--live-binance", binance.url(), "--binance-keys", binanceKeys.toString(), "--live-alpaca",
                alpaca.url(), "--alpaca-keys", alpacaKeys.toString(), "--simulated-market-data", "--no-http");
            assertEquals(ExitCode.OK, run.exitCode(), run.all());
            assertTrue(run.all().contains("initial_cash=150000.00"), "the book opens with both venues' cash (100,000 " +
                "USDT at Binance, 50,000 USD at Alpaca): " + run.all());

            final Book journaled = book(journalIn(first));
            assertTrue(journaled.orders[0] > 0 && journaled.orders[1] > 0, "both instruments traded: BTCUSDT " +
                journaled.orders[0] + ", SPY " + journaled.orders[1] + "\n" + run.all());
            assertEquals(journaled.orders[0], binance.newOrderClientIds.size(), "every BTCUSDT order reached Binance");
            assertEquals(journaled.orders[1], alpaca.newOrderClientIds.size(), "every SPY order reached Alpaca");
            assertTrue(binance.rawRequests.stream().filter(r -> r.contains("symbol=")).allMatch(r ->
                r.contains("symbol=BTCUSDT")), "Binance saw no SPY order");
            assertTrue(alpaca.orders.values().stream().allMatch(o -> o.path("symbol").asText().equals("SPY")),
                "Alpaca saw no BTCUSDT order");
            assertEquals(new BigDecimal(journaled.position[0]).movePointLeft(6).compareTo(binance.balances.get("BTC")),
                0, "the journal's BTCUSDT position is Binance's");
            assertEquals(journaled.position[1], alpaca.positions.getOrDefault("SPY", BigDecimal.ZERO).longValueExact(),
                "the journal's SPY position is Alpaca's");
            // the journal carries the book as it opened (both venues' cash): verify reads it from the run header
            final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journalIn(first).toString());
            assertEquals(ExitCode.OK, verify.exitCode(), verify.all());

            // a restart opens from both venues: each position journaled as an opening fill, nothing re-sent
            final int sentBefore = binance.newOrderClientIds.size() + alpaca.newOrderClientIds.size();
            final Path second = dir.resolve("second");
            final CliRunner.Result again = CliRunner.keel("run", "--mode", "crypto_scalp", "--fast", "--duration",
                "1s", "--config-dir", config.toString(), "--state-dir", state.toString(), "--journal-dir",
                second.toString(), "--live-binance", binance.url(), "--binance-keys", binanceKeys.toString(),
                "--live-alpaca", alpaca.url(), "--alpaca-keys", alpacaKeys.toString(), "--simulated-market-data",
                "--no-http");
            assertEquals(ExitCode.OK, again.exitCode(), again.all());
            final Book reopened = book(journalIn(second));
            assertTrue(binance.newOrderClientIds.size() + alpaca.newOrderClientIds.size() - sentBefore ==
                reopened.orders[0] + reopened.orders[1], "the restart re-sent nothing of the first run");
            final String audit = Files.readString(state.resolve("audit.log"));
            assertEquals(4, audit.split("opened from the venue", -1).length - 1, "each run opened from both " +
                "venues: " + audit);
        }
    }
}
