package io.keel.app;

import io.keel.core.testing.SharedData;
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
            final CliRunner.Result replay = CliRunner.keel("replay", "--journal", journal.toString());
            assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
            assertTrue(replay.out().contains("events="), replay.all());
        }
    }
}
