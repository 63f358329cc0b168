package io.keel.app;

import io.keel.testing.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Binance captures, imported into journals and replayed through the pipeline. */
class ImportBinanceTest
{
    static final List<String> ALL_MODELS = List.of("book_imbalance", "ma_momentum", "order_flow_imbalance",
        "microprice_deviation", "mean_reversion", "rsi_composite", "funding_shock", "trade_flow_imbalance", "trained",
        "volatility_regime");

    @ParameterizedTest
    @CsvSource({"spot_btcusdt_20240808.txt,41249,9757", "usdm_btcusdt_20240808.txt,93954,21313"})
    void shouldImportTheCaptureWithTheManifestsAnomaliesAndReplayIt(
        final String file, final long lines, final long trades, @TempDir final Path dir) throws java.io.IOException
    {
        final Path input = SharedData.require("binance-raw/" + file);
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "binance-raw", "--input",
            input.toString(), "--out", dir.toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final String report = imported.out();
        assertTrue(report.contains(String.format("rows read: %,d", lines)), report);
        assertTrue(report.contains(String.format("TRADE              %,d", trades)), report);
        // MANIFEST: "The id chain has no breaks and trade ids no gaps" ...
        assertFalse(report.contains("sequence gap"), report);
        assertFalse(report.contains("missing trade ids"), report);
        assertFalse(report.contains("malformed"), report);
        assertFalse(report.contains("crossed book"), report);
        // ... "The local clock runs ~1.27 s behind exchange time".
        final Matcher skew = Pattern.compile("clock skew: local receive time minus exchange event time " +
            "(-[\\d,]+)\\.\\.(-[\\d,]+) ms").matcher(report);
        assertTrue(skew.find(), report);
        final long min = Long.parseLong(skew.group(1).replace(",", ""));
        final long max = Long.parseLong(skew.group(2).replace(",", ""));
        assertTrue(min >= -1_300 && min <= -1_250 && max <= -1_150, report);

        final Path journal = dir.resolve("20240808");
        // the trained model, fitted on the first half of the capture only (the second half is out of sample for it)
        final io.keel.research.MarketTape tape = io.keel.research.MarketTape.read(journal, null, false);
        final long first = tape.events().get(0).timestampNs;
        final long last = tape.events().get(tape.events().size() - 1).timestampNs;
        final java.time.Instant half = java.time.Instant.ofEpochSecond(0, first + (last - first) / 2);
        TrainedModels.train(dir.resolve("model"), "--journal", journal.toString(), "--sample", "200ms", "--until",
            half.toString());
        final Path config = TrainedModels.builtInConfig(dir.resolve("config"));
        TrainedModels.enable(config, "crypto_scalp", dir.resolve("model/gbt.json"));
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", journal.toString(), "--all-models",
            "--config-dir", config.toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        final Matcher events = Pattern.compile("events=(\\d+)").matcher(replay.out());
        assertTrue(events.find(), replay.all());
        assertTrue(Long.parseLong(events.group(1)) > 30_000, replay.all());
        assertTrue(replay.out().contains("orders="), replay.all());
        // every model of the zoo runs and is attributed its share of the orders' markouts
        assertTrue(replay.out().contains("attribution: "), replay.all());
        for (final String model : ALL_MODELS)
        {
            assertTrue(replay.out().lines().anyMatch(l -> l.trim().startsWith(model + " ")), replay.all());
        }

        final CliRunner.Result again = CliRunner.keel("import", "--format", "binance-raw", "--input",
            input.toString(), "--out", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), "an existing day journal is never overwritten");
        assertTrue(again.err().contains("already exists"), again.all());
    }

    @org.junit.jupiter.api.Test
    void shouldSkipAndFlagADuplicatedTradeThatTheRealCaptureLacks(@TempDir final Path dir) throws Exception
    {
        final java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(
            SharedData.require("binance-raw/spot_btcusdt_20240808.txt")));
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains("@trade"))
            {
                lines.add(i + 1, lines.get(i)); // the venue sends the same trade twice
                break;
            }
        }
        final Path copy = dir.resolve("spot_btcusdt_duplicated.txt");
        java.nio.file.Files.write(copy, lines);
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "binance-raw", "--input",
            copy.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        assertTrue(imported.out().contains("duplicate or repeated trade id (skipped) 1"), imported.all());
        assertTrue(imported.out().contains("TRADE              9,757"), "the copy is not journaled twice");
        final CliRunner.Result flags = CliRunner.keel("dump", "--journal",
            dir.resolve("out").resolve("20240808").toString(), "--type", "QUALITY_FLAG");
        assertTrue(flags.out().contains("quality=DUPLICATE"), flags.all());
    }
}
