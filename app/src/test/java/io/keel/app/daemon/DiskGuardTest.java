package io.keel.app.daemon;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.core.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's disk running low halts trading, and lower still stops the daemon with its journal closed. */
class DiskGuardTest
{
    private static final long MB = 1024 * 1024;

    @Test
    void shouldAskForAHaltBelowTheThresholdAndAStopBelowHalfOfIt(@TempDir final Path dir)
    {
        final AtomicLong free = new AtomicLong(5_000 * MB);
        final DiskGuard guard = new DiskGuard(dir, 1_000 * MB, p -> free.get());
        assertEquals(DiskGuard.Level.OK, guard.check());
        free.set(1_000 * MB);
        assertEquals(DiskGuard.Level.OK, guard.check(), "at the threshold: still fine");
        free.set(999 * MB);
        assertEquals(DiskGuard.Level.LOW, guard.check());
        assertTrue(guard.describe().contains("999 MB free, below journal.minFreeMb 1000"), guard.describe());
        free.set(500 * MB);
        assertEquals(DiskGuard.Level.LOW, guard.check());
        free.set(499 * MB);
        assertEquals(DiskGuard.Level.CRITICAL, guard.check());
        assertNull(DiskGuard.of(dir, 0), "0 turns it off");
        assertNull(DiskGuard.of(null, 1024), "no journal, nothing to guard");
    }

    @Test
    void shouldHaltTradingAndStopCleanlyWhenTheJournalsDiskIsLow(@TempDir final Path dir) throws IOException
    {
        final Path config = BarBacktestTest.dailyConfig(dir);
        final Path base = config.resolve("base.yaml");
        // more free space asked for than any disk has: the first check (within a second) finds it critical
        Files.writeString(base, Files.readString(base).replace("  minFreeMb: 1024 ", "  minFreeMb: 1000000000000 "));
        final Path journal = dir.resolve("journal");
        final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--config-dir", config.toString(),
            "--fast", "--duration", "30d", "--journal-dir", journal.toString(), "--state-dir",
            dir.resolve("state").toString(), "--no-http");
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        assertTrue(run.out().contains("kill_switch=engaged"), run.all()); // the ALERT lines go to the log (stderr)
        try (JournalReader reader = JournalReader.open(journal))
        {
            final io.keel.core.event.Event event = new io.keel.core.event.Event();
            final io.keel.core.decision.DecisionRecord decision = new io.keel.core.decision.DecisionRecord();
            boolean killed = false;
            long last = 0;
            while (reader.next(event, decision) != io.keel.core.journal.RecordKind.END_OF_JOURNAL)
            {
                killed |= event.type == io.keel.core.event.EventType.OPERATOR_COMMAND &&
                    event.command == io.keel.core.event.OperatorCommand.KILL;
                last = Math.max(last, event.timestampNs);
            }
            assertTrue(reader.endedCleanly(), "the journal is closed with its end marker");
            assertTrue(killed, "the halt is journaled");
            assertTrue(last - java.time.Instant.parse("2026-01-05T00:00:00Z").getEpochSecond() * 1_000_000_000L <
                20L * 86_400_000_000_000L, "stopped long before the 30 days asked for");
        }
        final String audit = Files.readString(dir.resolve("state").resolve("audit.log"));
        assertTrue(audit.contains("daemon:disk") && audit.contains("journal.minFreeMb"), audit);
        assertEquals(ExitCode.OK, CliRunner.keel("verify", "--journal", journal.toString()).exitCode());
    }
}
