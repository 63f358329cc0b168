package io.keel.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paper run on the simulated venue and the backtest of its own journal agree order for order, fill for fill, to
 * the cent, in every shipped mode, paced in real time or run {@code --fast}: the simulated exchange fills at the same
 * points of the event sequence in both (ARCHITECTURE "Determinism"). The paper side is the journal as it happened
 * ({@code backtest --fills recorded}); the backtest side re-simulates every fill ({@code --fills simulated}).
 */
class PaperEqualsBacktestTest
{
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "crypto_scalp, --fast, 5m",
        "crypto_swing, --fast, 10m",
        "stocks_intraday, --fast, 1h",
        "stocks_swing, --fast, 1h",
        "crypto_scalp, realtime, 6s",
        "crypto_swing, realtime, 6s",
        "stocks_intraday, realtime, 6s",
        "stocks_swing, realtime, 6s",
    })
    void shouldGiveIdenticalOrdersFillsAndEquityWhenBacktestingAPaperRunsJournal(final String mode,
        final String pacing, final String duration, @TempDir final Path dir) throws IOException
    {
        final boolean fast = "--fast".equals(pacing);
        // in real time a few seconds must trade: the shipped warm-up (up to 500 updates) is cut for the test
        final Path config = fast ? null : quickWarmup(dir);
        final Path journal = dir.resolve("paper");
        final String state = dir.resolve("state").toString();
        final CliRunner.Result run = fast ?
            CliRunner.keel("run", "--mode", mode, "--duration", duration, "--fast", "--journal-dir",
                journal.toString(), "--state-dir", state) :
            CliRunner.keel("run", "--mode", mode, "--duration", duration, "--journal-dir", journal.toString(),
                "--config-dir", config.toString(), "--state-dir", state);
        assertEquals(ExitCode.OK, run.exitCode(), run.all());

        final Path recorded = dir.resolve("recorded");
        final Path simulated = dir.resolve("simulated");
        final List<String> backtestArgs = new ArrayList<>(List.of("backtest", "--mode", mode, "--journal",
            journal.toString(), "--days-sequential"));
        if (config != null)
        {
            backtestArgs.addAll(List.of("--config-dir", config.toString()));
        }
        final CliRunner.Result asRun = keel(backtestArgs, "--fills", "recorded", "--out", recorded.toString());
        assertEquals(ExitCode.OK, asRun.exitCode(), asRun.all());
        final CliRunner.Result backtest = keel(backtestArgs, "--out", simulated.toString());
        assertEquals(ExitCode.OK, backtest.exitCode(), backtest.all());

        final byte[] paperOrders = Files.readAllBytes(recorded.resolve("orders.csv"));
        final long orders = Files.readAllLines(recorded.resolve("orders.csv")).size() - 1;
        assertTrue(orders > 0, mode + " " + pacing + " traded nothing: " + run.all());
        assertArrayEquals(paperOrders, Files.readAllBytes(simulated.resolve("orders.csv")),
            "orders.csv of the paper run and of the backtest of its journal differ");
        final JsonNode paper = summary(recorded);
        final JsonNode replayed = summary(simulated);
        assertEquals(paper.get("fills"), replayed.get("fills"));
        assertEquals(paper.get("finalEquity"), replayed.get("finalEquity"));
        final String equity = new BigDecimal(paper.get("finalEquity").asText()).setScale(2, RoundingMode.HALF_EVEN)
            .toPlainString();
        assertTrue(run.all().contains(" equity=" + equity + " "), "the run's own summary says the final equity " +
            equity + ": " + run.all());

        final CliRunner.Result verify = fast ? CliRunner.keel("verify", "--journal", journal.toString()) :
            CliRunner.keel("verify", "--journal", journal.toString(), "--config-dir", config.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
    }

    private static CliRunner.Result keel(final List<String> args, final String... more)
    {
        final List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return CliRunner.keel(all.toArray(new String[0]));
    }

    private static JsonNode summary(final Path results) throws IOException
    {
        return new ObjectMapper().readTree(results.resolve("summary.json").toFile());
    }

    /** The shipped configuration with a short warm-up, so that a few seconds of real time trade. */
    private static Path quickWarmup(final Path dir) throws IOException
    {
        final Path config = ReplayAndVerifyTest.copyConfig(dir);
        final Path base = config.resolve("base.yaml");
        Files.writeString(base, Files.readString(base).replace("warmupUpdates: 200", "warmupUpdates: 20"));
        try (var modes = Files.list(config.resolve("modes")))
        {
            for (final Path mode : modes.toList())
            {
                // and stocks_intraday at the base edge thresholds, which trade within seconds
                Files.writeString(mode, Files.readString(mode).replace("warmupUpdates: 500", "warmupUpdates: 20")
                    .replaceAll("minEdgeBps: 2.0[^\\n]*", "minEdgeBps: 0.5")
                    .replaceAll("fullSizeEdgeBps: 6.0[^\\n]*", "fullSizeEdgeBps: 2.0"));
            }
        }
        return config;
    }
}
