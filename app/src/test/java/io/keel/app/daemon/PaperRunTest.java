package io.keel.app.daemon;

import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperRunTest
{
    private static long field(final String output, final String name)
    {
        final Matcher m = Pattern.compile("\\b" + name + "=(-?\\d+)").matcher(output);
        assertTrue(m.find(), name + " missing from: " + output);
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @CsvSource({"crypto_scalp,10m", "crypto_swing,2h", "stocks_intraday,30m", "stocks_swing,3h"})
    void shouldPaperTradeEveryModeWithConservedPnlAndVerifiableJournal(
        final String mode, final String duration, @TempDir final Path dir)
    {
        final Path journal = dir.resolve("journal");
        final CliRunner.Result run = CliRunner.keel("run", "--mode", mode, "--duration", duration, "--fast",
            "--journal-dir", journal.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        assertTrue(field(run.out(), "orders") > 0, run.all());
        assertTrue(field(run.out(), "fills") > 0, run.all());
        assertEquals(0, field(run.out(), "working_orders"), "a clean stop cancels every open order: " + run.all());

        final LedgerCheck ledger = new LedgerCheck();
        ledger.run(journal);
        assertEquals(field(run.out(), "events"), ledger.eventsChecked, "every inbound event was checked");
        assertEquals(field(run.out(), "fills"), ledger.fillsChecked);

        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journal.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
        assertTrue(verify.out().contains("verify: identical"), verify.all());
    }
}
