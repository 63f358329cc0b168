package io.keel.app;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon as a real process: SIGTERM cancels open orders, closes the journal cleanly and prints a summary. */
class SignalStopTest
{
    private static final SpawnedDaemons SPAWNED = new SpawnedDaemons();

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws InterruptedException
    {
        SPAWNED.killAll();
    }

    @Test
    void shouldStopCleanlyOnSigterm(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        final List<String> command = new ArrayList<>(SpawnedDaemons.keelCommand("run", "--mode",
            "crypto_swing", "--fast", "--journal-dir", journal.toString()));
        final Process daemon = SPAWNED.track(new ProcessBuilder(command).redirectErrorStream(true).start());
        final StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)))
        {
            String banner = null;
            for (int i = 0; i < 5 && banner == null; i++)
            {
                final String first = out.readLine();
                output.append(first).append('\n');
                banner = first != null && first.startsWith("keel ") ? first : null;
            }
            assertTrue(banner != null && banner.contains("paper trading, mode crypto_swing [BTCUSDT] on the simulated " +
                "market"), output.toString());
            awaitOrderIntents(journal, 3, 60);
            assertTrue(daemon.toHandle().destroy(), "SIGTERM sent"); // Process.destroy would close our pipes
            String line;
            while ((line = out.readLine()) != null)
            {
                output.append(line).append('\n');
            }
        }
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "daemon did not exit: " + output);
        assertEquals(143, daemon.exitValue(), "128 + SIGTERM, as the JVM reports a signal stop: " + output);
        assertTrue(output.toString().contains("summary: mode=crypto_swing"), output.toString());
        assertTrue(output.toString().contains("working_orders=0"), output.toString());

        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journal.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), "journal closed with its end marker and reproducible: " +
            verify.all());
    }

    /** Tails the live journal until it holds {@code count} order intents: the daemon is trading. */
    static void awaitOrderIntents(final Path journal, final int count, final int seconds)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.isDirectory(journal) || !hasQueueFile(journal))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no journal in " + journal + " after " + seconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        int intents = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            while (intents < count)
            {
                final byte kind = reader.next(event, decision);
                if (kind == RecordKind.END_OF_JOURNAL)
                {
                    if (System.nanoTime() > deadline)
                    {
                        throw new AssertionError("only " + intents + " order intents after " + seconds + " s");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                else if (kind == RecordKind.EVENT && event.type == EventType.ORDER_INTENT)
                {
                    intents++;
                }
            }
        }
    }

    private static boolean hasQueueFile(final Path journal)
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.anyMatch(f -> f.toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
