package io.keel.app.pipeline;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 23 years of SPY daily bars, imported and backtested through the same chain, with the P&L ledger checked. */
class BarBacktestTest
{
    @Test
    void shouldBacktestDailyBarsFillingAtTheNextOpenWithConservedPnl(@TempDir final Path dir) throws IOException
    {
        final Path config = dailyConfig(dir);
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lean-equity", "--mode",
            "stocks_swing", "--config-dir", config.toString(), "--input",
            SharedData.require("lean-equity-usa/daily/spy.csv").toString(), "--out", dir.resolve("in").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final Path out = dir.resolve("out");
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal",
            dir.resolve("in").resolve("history-19980102").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        assertTrue(field(replay.out(), "orders") > 10, replay.all());
        assertTrue(field(replay.out(), "fills") > 10, replay.all());

        final LedgerCheck ledger = new LedgerCheck();
        ledger.run(out);
        assertEquals(field(replay.out(), "fills"), ledger.fillsChecked);
    }

    private static long field(final String output, final String name)
    {
        final Matcher m = Pattern.compile("\\b" + name + "=(\\d+)").matcher(output);
        assertTrue(m.find(), output);
        return Long.parseLong(m.group(1));
    }

    /** The shipped configuration with stocks_swing's time constants in days, as daily bars need. */
    private static Path dailyConfig(final Path dir) throws IOException
    {
        final Path source = Path.of("..", "config").toAbsolutePath().normalize();
        final Path target = Files.createDirectories(dir.resolve("config").resolve("modes"));
        Files.copy(source.resolve("base.yaml"), target.getParent().resolve("base.yaml"));
        try (Stream<Path> modes = Files.list(source.resolve("modes")))
        {
            for (final Path m : modes.toList())
            {
                Files.copy(m, target.resolve(m.getFileName()));
            }
        }
        final Path swing = target.resolve("stocks_swing.yaml");
        Files.writeString(swing, Files.readString(swing)
            .replace("emaFastMs: 120000", "emaFastMs: 864000000")
            .replace("emaSlowMs: 900000", "emaSlowMs: 4320000000")
            .replace("volatilityHalfLifeMs: 3600000", "volatilityHalfLifeMs: 5184000000")
            .replace("warmupUpdates: 500", "warmupUpdates: 60")
            .replace("horizonMs: 3600000", "horizonMs: 86400000"));
        return target.getParent();
    }
}
