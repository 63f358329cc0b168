package io.keel.app;

import io.keel.testing.SharedData;
import io.keel.ingest.binance.FakeBinanceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code record} against a loopback Binance replaying the real capture, then {@code replay} of what it wrote. */
class RecordTest
{
    @Test
    void shouldRecordTheLoopbackVenueIntoAReplayableJournal(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, 2, 6))
        {
            venue.start();
            final Path journal = dir.resolve("recorded");
            final CliRunner.Result record = CliRunner.keel("record", "--venue", "binance", "--symbols", "BTCUSDT",
                "--duration", "4s", "--journal-dir", journal.toString(), "--ws-url",
                "ws://127.0.0.1:" + venue.webSocketPort() + "/", "--rest-url", "http://127.0.0.1:" + venue.restPort());
            assertEquals(ExitCode.OK, record.exitCode(), record.all());
            assertEquals(lines.size(), venue.position(), "the whole capture was streamed");

            final CliRunner.Result trades = CliRunner.keel("dump", "--journal", journal.toString(), "--type", "TRADE");
            assertEquals(ExitCode.OK, trades.exitCode(), trades.all());
            assertEquals(9_757, trades.out().lines().count(), "every trade of the capture was journaled");
            LiveMarketDataTest.assertOneTimerSource(journal, 3);
            final CliRunner.Result replay = CliRunner.keel("replay", "--journal", journal.toString());
            assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
            assertTrue(replay.out().contains("events="), replay.all());
        }
    }

    @Test
    void shouldStopRecordingCleanlyWhenTheJournalsDiskIsLow(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = Files.readAllLines(SharedData.require("binance-raw/spot_btcusdt_20240808.txt"));
        final Path config = io.keel.app.daemon.BarBacktestTest.dailyConfig(dir);
        final Path base = config.resolve("base.yaml");
        Files.writeString(base, Files.readString(base).replace("  minFreeMb: 1024 ", "  minFreeMb: 1000000000000 "));
        try (FakeBinanceServer venue = new FakeBinanceServer(lines, 2, 6))
        {
            venue.start();
            final Path journal = dir.resolve("recorded");
            final long started = System.nanoTime();
            final CliRunner.Result record = CliRunner.keel("record", "--venue", "binance", "--symbols", "BTCUSDT",
                "--duration", "10m", "--config-dir", config.toString(), "--journal-dir", journal.toString(),
                "--ws-url", "ws://127.0.0.1:" + venue.webSocketPort() + "/", "--rest-url", "http://127.0.0.1:" +
                venue.restPort());
            assertEquals(ExitCode.OK, record.exitCode(), record.all());
            assertTrue(System.nanoTime() - started < 120_000_000_000L, "stopped long before the 10 minutes asked");
            // the journal it closed replays: its end marker is there
            final CliRunner.Result replay = CliRunner.keel("replay", "--journal", journal.toString());
            assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        }
    }
}
