package io.keel.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.keel.testing.FakeAlpacaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code record --venue alpaca} on loopback: the keys authenticate, and appear in no log line and no journal byte. */
class RecordAlpacaTest
{
    private static final String KEY = "PKRECORDTESTKEY00042";
    private static final String SECRET = "fake-secret-must-never-appear-9f8e7d";

    @Test
    void shouldRecordStocksWithoutEverLoggingOrJournalingTheKeys(@TempDir final Path dir) throws Exception
    {
        final Path credentials = dir.resolve("alpaca.properties");
        Files.writeString(credentials, "key_id=" + KEY + "\nsecret_key=" + SECRET + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        final Logger root = (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        final Level rootLevel = root.getLevel();
        final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        ((Logger)LoggerFactory.getLogger("io.keel")).setLevel(Level.TRACE);
        try (FakeAlpacaServer venue = new FakeAlpacaServer(KEY, SECRET, List.of(
            "[{\"T\":\"q\",\"S\":\"SPY\",\"bp\":470.01,\"bs\":3,\"ap\":470.03,\"as\":2,\"t\":\"2024-01-02T14:30:00.1Z\"}]",
            "[{\"T\":\"t\",\"S\":\"SPY\",\"i\":1,\"p\":470.02,\"s\":100,\"t\":\"2024-01-02T14:30:00.2Z\"}]")))
        {
            venue.start();
            final Path journal = dir.resolve("journal");
            final CliRunner.Result record = CliRunner.keel("record", "--venue", "alpaca", "--mode", "stocks_intraday",
                "--symbols", "SPY", "--duration", "2s", "--journal-dir", journal.toString(), "--credentials-file",
                credentials.toString(), "--ws-url", venue.streamUrl(), "--rest-url", venue.restUrl());
            assertEquals(ExitCode.OK, record.exitCode(), record.all());
            final CliRunner.Result dump = CliRunner.keel("dump", "--journal", journal.toString());
            assertTrue(dump.out().contains("TRADE") && dump.out().contains("QUOTE"), dump.all());
            // Alpaca's feed has no timers of its own: the process's one timer source journals them
            LiveMarketDataTest.assertOneTimerSource(journal, 1);
            assertFalse(dump.out().contains(SECRET) || dump.out().contains(KEY), "keys in the journal");
            final byte[] raw = Files.readAllBytes(Files.list(journal).filter(p -> p.toString().endsWith(".cq4"))
                .findFirst().orElseThrow());
            assertFalse(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET),
                "the secret in the journal file's bytes");
            assertFalse(record.all().contains(SECRET) || record.all().contains(KEY), "keys on the console");
        }
        finally
        {
            root.detachAppender(logs);
            root.setLevel(rootLevel);
        }
        assertTrue(logs.list.size() > 0, "the test captured the logs");
        for (final ILoggingEvent event : logs.list)
        {
            final String line = event.getFormattedMessage() + " " + (event.getThrowableProxy() == null ? "" :
                event.getThrowableProxy().getMessage());
            assertFalse(line.contains(SECRET) || line.contains(KEY), "a key in the log: " + line);
        }
    }
}
