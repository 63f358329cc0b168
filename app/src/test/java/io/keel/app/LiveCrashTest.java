package io.keel.app;

import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.testing.FakeBinanceVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fifty {@code kill -9} at random points of order bursts against a loopback Binance, each followed by a restart;
 * then a clean run. Afterwards the journal's book equals the venue's balances and open orders, every venue order maps
 * to exactly one journaled intent, none was sent twice, and the kill switch engaged along the way is still engaged.
 */
class LiveCrashTest
{
    private static final SpawnedDaemons SPAWNED = new SpawnedDaemons();

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws InterruptedException
    {
        SPAWNED.killAll();
    }

    private static final String KEY = "crash-test-key";
    private static final String SECRET = "crash-test-secret";
    private static final int KILLS = 50;

    private static Path config(final Path dir) throws IOException
    {
        final Path config = TrainedModels.builtInConfig(dir);
        final Path scalp = config.resolve("modes/crypto_scalp.yaml");
        String text = Files.readString(scalp);
        final int eth = text.indexOf("  - symbol: ETHUSDT");
        final int after = text.indexOf("\nsim:");
        text = text.substring(0, eth) + text.substring(after + 1); // the loopback venue trades BTCUSDT only
        text = text.replace("  orderType: limit\n", "  orderType: limit\n  liveTrading: true\n");
        Files.writeString(scalp, text);
        return config;
    }

    private static Process start(final Path config, final Path state, final Path journal, final String url,
        final String... extra) throws IOException
    {
        final List<String> command = new ArrayList<>(SpawnedDaemons.keelCommand("run", "--mode",
            "crypto_scalp", "--fast", "--config-dir", config.toString(), "--state-dir", state.toString(),
            "--journal-dir", journal.toString(), "--live-binance", url, "--simulated-market-data"));
        command.addAll(List.of(extra));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(journal.resolveSibling(journal.getFileName() + ".log").toFile());
        builder.environment().put("BINANCE_API_KEY", KEY);
        builder.environment().put("BINANCE_API_SECRET", SECRET);
        return SPAWNED.track(builder.start());
    }

    @Test
    void shouldMatchTheVenueAfterFiftyKillNines(@TempDir final Path dir) throws Exception
    {
        final Path config = config(dir.resolve("config"));
        final Path state = dir.resolve("state");
        final SplittableRandom random = new SplittableRandom(20261122);
        try (FakeBinanceVenue venue = new FakeBinanceVenue(KEY, SECRET))
        {
            for (int run = 0; run < KILLS; run++)
            {
                final int before = venue.newOrderClientIds.size();
                final Process daemon = start(config, state, dir.resolve("j" + run), venue.url());
                final int wanted = before + 1 + random.nextInt(6);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                if (run >= 40)
                {
                    // the kill switch is latched: nothing will be sent; wait for the run to open, then kill it
                    final int openedBefore = opened(state);
                    while (opened(state) == openedBefore && daemon.isAlive() && System.nanoTime() < deadline)
                    {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                }
                else
                {
                    while (venue.newOrderClientIds.size() < wanted && daemon.isAlive() &&
                        System.nanoTime() < deadline)
                    {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(200))); // a random point
                assertTrue(daemon.isAlive(), "run " + run + " died on its own: " +
                    Files.readString(dir.resolve("j" + run + ".log")));
                daemon.toHandle().destroyForcibly(); // kill -9
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
                if (run == 39)
                {
                    assertEquals(ExitCode.OK, CliRunner.keel("kill", "--state-dir", state.toString(), "--reason",
                        "crash test: desk halt").exitCode());
                }
            }
            final Path last = dir.resolve("final");
            final Process daemon = start(config, state, last, venue.url(), "--duration", "10m");
            assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the last run ends by itself");
            final String output = Files.readString(dir.resolve("final.log"));
            assertEquals(0, daemon.exitValue(), output);

            // none sent twice
            assertEquals(new HashSet<>(venue.newOrderClientIds).size(), venue.newOrderClientIds.size());
            // every venue order maps to exactly one journaled intent, in the journal of its run
            final Map<String, Path> journalOf = new HashMap<>();
            final Matcher opened = Pattern.compile("run (\\w+) journal (\\S+),").matcher(
                Files.readString(state.resolve("audit.log")));
            while (opened.find())
            {
                journalOf.put(opened.group(1), Path.of(opened.group(2)));
            }
            // a run killed during its start (recovery, reading the venue) never opened: it has no tag and sent nothing
            assertTrue(journalOf.size() > KILLS / 2 && journalOf.size() <= KILLS + 1, "runs opened: " +
                journalOf.size());
            final Map<Path, Map<Long, Integer>> intents = new HashMap<>();
            for (final String venueId : venue.orders.keySet())
            {
                final Matcher id = Pattern.compile("keel-(\\w+)-(\\d+)").matcher(venueId);
                assertTrue(id.matches(), venueId);
                final Path journal = journalOf.get(id.group(1));
                assertTrue(journal != null, "a known run: " + venueId);
                final int count = intents.computeIfAbsent(journal, LiveCrashTest::newOrderIntents)
                    .getOrDefault(Long.parseLong(id.group(2)), 0);
                assertEquals(1, count, venueId + " has exactly one journaled intent");
            }
            assertTrue(venue.orders.size() > KILLS, "order bursts happened: " + venue.orders.size());
            final Matcher recovered = Pattern.compile(", (\\d+) unfinished orders").matcher(
                Files.readString(state.resolve("audit.log")));
            int unfinished = 0;
            while (recovered.find())
            {
                unfinished += Integer.parseInt(recovered.group(1));
            }
            System.out.printf("crash test: %d venue orders over %d runs, %d unfinished at a kill and resolved by " +
                "query, %d still resting at a kill and canceled at restart%n", venue.orders.size(), KILLS + 1,
                unfinished, venue.orders.values().stream().filter(o -> o.status().equals("CANCELED")).count());

            // the last run's book equals the venue's: position, cash, no open orders
            final LoadedConfig loaded;
            long position = 0;
            long cash;
            boolean killFirst = false;
            boolean market = false;
            try (JournalReader reader = JournalReader.open(last))
            {
                final Event event = new Event();
                final DecisionRecord decision = new DecisionRecord();
                reader.next(event, decision);
                loaded = ConfigLoader.fromText(reader.header().configText(), "final journal");
                final InstrumentSpec btc = loaded.instruments().get(0);
                cash = loaded.money().initialCash();
                byte kind;
                while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
                {
                    if (kind != RecordKind.EVENT)
                    {
                        continue;
                    }
                    if (event.type == EventType.OPERATOR_COMMAND && !market)
                    {
                        killFirst |= event.command == OperatorCommand.KILL;
                    }
                    market |= event.type == EventType.QUOTE || event.type == EventType.BOOK_LEVEL;
                    if (event.type == EventType.EXECUTION_REPORT && (event.execType == ExecType.FILLED ||
                        event.execType == ExecType.PARTIALLY_FILLED) && event.quantity > 0)
                    {
                        final long sign = event.side == Side.BUY ? 1 : -1;
                        position += sign * event.quantity;
                        cash -= sign * btc.notional(event.price, event.quantity) + event.fee;
                    }
                }
                reader.requireCleanEnd();
            }
            assertEquals(venue.balances.get("BTC").movePointRight(6).longValueExact(), position, "BTC");
            assertEquals(venue.balances.get("USDT").setScale(8).movePointRight(8).longValueExact(), cash, "USDT");
            assertTrue(venue.orders.values().stream().noneMatch(o -> o.status().equals("NEW")), "nothing open");
            // the kill switch engaged at run 40 is still engaged
            assertTrue(Files.exists(state.resolve("kill-switch.latched")));
            assertTrue(killFirst, "the last run re-engaged it before its first market event");
            assertTrue(output.contains("kill_switch=engaged"), output);
        }
    }

    /** @return new-order intents (not cancels) by client id: how many times each was journaled. */
    private static Map<Long, Integer> newOrderIntents(final Path journal)
    {
        final Map<Long, Integer> counts = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type == EventType.ORDER_INTENT &&
                    event.command != OperatorCommand.CANCEL_ALL)
                {
                    counts.merge(event.clientOrderId, 1, Integer::sum);
                }
            }
        }
        return counts;
    }


    /** @return live runs that opened so far (their audit line). */
    private static int opened(final Path state)
    {
        try
        {
            final Path audit = state.resolve("audit.log");
            return Files.exists(audit) ? (int)Files.readAllLines(audit).stream()
                .filter(l -> l.contains("opened from the venue")).count() : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
