package io.keel.app.research;

import io.keel.research.AlgoComparison;
import io.keel.research.MarketTape;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlgoComparisonTest
{
    /** A still market: 65,000.00 bid and 65,000.02 offered, 2 BTC each, restated every second, no trades. */
    private static MarketTape stillMarket(final Path dir)
    {
        final LoadedConfig config = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        try (JournalWriter writer = JournalWriter.open(dir, SyntheticTapes.START_NS, new RunHeader(
            RecordKind.SCHEMA_VERSION, "test", config.mode(), config.sha256(), 1, config.text())))
        {
            final Event event = new Event();
            for (int i = 0; i < 200; i++)
            {
                event.quote(SyntheticTapes.START_NS + i * 1_000_000_000L, 0, 65_000_00, 2_000_000, 65_000_02,
                    2_000_000).sequence = i + 1;
                writer.append(event);
            }
        }
        return MarketTape.read(dir, null, false);
    }

    @Test
    void shouldScoreImplementationShortfallExactlyOnAStillMarket(@TempDir final Path dir)
    {
        final List<AlgoComparison.Row> rows = new AlgoComparison(stillMarket(dir), 0, 500_000, 30_000_000_000L,
            20_000_000_000L, 0).run();
        assertEquals(List.of("market", "passive", "twap", "vwap", "pov", "iceberg"),
            rows.stream().map(AlgoComparison.Row::algo).toList());
        // every buy pays 0.01 over the 65,000.01 mid and every sell receives 0.01 under it, plus the 1 bp taker fee
        final double expected = 0.01 / 65_000.01 * 1e4 + 1.0;
        final AlgoComparison.Row market = rows.get(0);
        assertTrue(market.parents() >= 5, market.toString());
        assertEquals(1.0, market.fillRate(), 1e-12);
        assertEquals(expected, market.meanIsBps(), 1e-6);
        assertEquals(0.0, market.stdIsBps(), 1e-6); // fees round up to money units: 1e-7 bp apart
        // nobody trades, so a passive order never fills: it escalates at 80 % of the 20 s and pays the same
        final AlgoComparison.Row passive = rows.get(1);
        assertEquals(1.0, passive.fillRate(), 1e-12);
        assertEquals(expected, passive.meanIsBps(), 1e-6);
        assertEquals(16.0, passive.meanFillDelaySec(), 1.0);
        // twap spreads ten slices over the 20 s: the average fill waits about half of it
        assertTrue(rows.get(2).meanFillDelaySec() > 8 && rows.get(2).meanFillDelaySec() < 11, rows.toString());
    }

    @Test
    void shouldPrintTheComparisonOnTheRealCapture(@TempDir final Path dir)
    {
        final Path input = SharedData.require("binance-raw/spot_btcusdt_20240808.txt");
        assertEquals(ExitCode.OK, CliRunner.keel("import", "--format", "binance-raw", "--input", input.toString(),
            "--out", dir.toString()).exitCode());
        final CliRunner.Result result = CliRunner.keel("algos", "--journal", dir.resolve("20240808").toString(),
            "--size", "0.5", "--latency-ms", "5");
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        for (final String algo : List.of("market", "passive", "twap", "vwap", "pov", "iceberg"))
        {
            assertTrue(result.out().lines().anyMatch(l -> l.trim().startsWith(algo + " ") && l.contains("100.0%")),
                algo + " completes every parent: " + result.out());
        }
        assertTrue(result.out().contains("latency 5.0 ms"), result.out());
    }
}
