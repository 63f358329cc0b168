package io.keel.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliErrorsTest
{
    @Test
    void shouldRejectMalformedYamlNamingFileAndLine(@TempDir final Path dir) throws IOException
    {
        final Path config = ReplayAndVerifyTest.copyConfig(dir);
        Files.writeString(config.resolve("base.yaml"), "run:\n  seed: 42\n   startTime: oops\n");
        final CliRunner.Result result = CliRunner.keel("run", "--mode", "crypto_scalp", "--config-dir",
            config.toString(), "--duration", "1m", "--fast", "--no-journal");
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains(config.resolve("base.yaml") + ":3:"), result.all());
        assertTrue(result.err().contains("malformed YAML"), result.all());
    }

    @Test
    void shouldRejectUnknownModeListingTheKnownOnes()
    {
        final CliRunner.Result result = CliRunner.keel("run", "--mode", "forex_scalp", "--duration", "1m",
            "--no-journal");
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains("unknown mode 'forex_scalp'"), result.all());
        assertTrue(result.err().contains("crypto_scalp, crypto_swing, stocks_intraday, stocks_swing"), result.all());
    }

    @Test
    void shouldRejectTruncatedJournalNamingFile(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("j");
        assertEquals(ExitCode.OK, CliRunner.keel("run", "--mode", "stocks_intraday", "--duration", "10m", "--fast",
            "--journal-dir", journal.toString()).exitCode());
        final Path file;
        try (Stream<Path> files = Files.list(journal))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0)
        {
            end--;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(end * 3L / 4);
        }
        for (final String command : new String[] {"replay", "verify"})
        {
            final CliRunner.Result result = CliRunner.keel(command, "--journal", journal.toString());
            assertEquals(ExitCode.BAD_JOURNAL, result.exitCode(), result.all());
            assertTrue(result.err().contains(file.getFileName().toString()), result.all());
            assertTrue(result.err().contains("truncated"), result.all());
            assertTrue(!result.err().contains("\tat "), "no bare stack trace: " + result.all());
        }
    }

    @Test
    void shouldRejectMissingJournalAndReusedJournalDirectoryAndBadDuration(@TempDir final Path dir)
    {
        final CliRunner.Result missing = CliRunner.keel("verify", "--journal", dir.resolve("nope").toString());
        assertEquals(ExitCode.BAD_JOURNAL, missing.exitCode(), missing.all());
        assertTrue(missing.err().contains("no such journal directory"), missing.all());

        final Path journal = dir.resolve("j");
        assertEquals(ExitCode.OK, CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "1m", "--fast",
            "--journal-dir", journal.toString()).exitCode());
        final CliRunner.Result reused = CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "1m",
            "--fast", "--journal-dir", journal.toString());
        assertEquals(ExitCode.BAD_INPUT, reused.exitCode(), reused.all());
        assertTrue(reused.err().contains("already holds a journal"), reused.all());

        final CliRunner.Result duration = CliRunner.keel("run", "--duration", "ten minutes", "--no-journal");
        assertEquals(ExitCode.BAD_INPUT, duration.exitCode(), duration.all());
        assertTrue(duration.err().contains("is not a duration"), duration.all());
    }
}
