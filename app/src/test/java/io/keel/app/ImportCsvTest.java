package io.keel.app;

import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCsvTest
{
    @Test
    void shouldImportAUsersOwnBarsReportingWhatIsWrongWithThem(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("spy.csv");
        Files.writeString(csv, """
            datetime,open,high,low,close,volume
            2024-01-02 09:30:00,470.00,471.00,469.50,470.50,1000
            2024-01-02 09:31:00,470.50,470.90,470.10,470.20,800
            2024-01-02 09:32:00,470.20,470.40,469.90,470.30,900
            2024-01-02 09:32:00,470.30,470.40,470.00,470.10,100
            2024-01-02 09:33:00,470.30,470.35,470.20,470.25,oops
            2024-01-02 09:34:00,470.25,470.30,469.95,470.00,700
            2024-01-02 09:35:00,470.00,470.10,469.80,469.90,600
            2024-01-02 09:36:00,469.90,470.00,469.70,469.95,650
            2024-01-02 09:37:00,469.95,470.50,469.90,470.40,500
            2024-01-02 09:38:00,470.40,470.60,470.30,0.47,300
            """);
        final CliRunner.Result result = CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--zone", "America/New_York", "--input", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        final String report = result.out();
        assertTrue(report.contains("rows read: 11"), report);
        assertTrue(report.contains("malformed rows (skipped)                 1"), report);
        assertTrue(report.contains("rows out of time order or repeated (skipped) 1"), report);
        assertTrue(report.contains("bars whose high/low do not contain open and close 1"), report);
        assertTrue(report.contains("quality gate: BAD_PRINT                  1"), report);
        assertTrue(report.contains("BAR                7"), report);
        assertTrue(report.contains("bar length 60 s"), report);
        assertTrue(Files.isDirectory(dir.resolve("out").resolve("20240102")), "intraday bars: a journal per day");
    }

    @Test
    void shouldRejectAFileWithoutTheOhlcvHeader(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("spy.csv");
        Files.writeString(csv, "time,o,h,l,c,v\n2024-01-02,1,1,1,1,1\n");
        final CliRunner.Result result = CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--input", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains("header must be datetime,open,high,low,close,volume"), result.all());
    }

    @Test
    void shouldImportTheTa4jAaplDailyFileAndReplayIt(@TempDir final Path dir)
    {
        final Path input = SharedData.require("ta4j-samples/AAPL-PT1D-20130102_20131231.csv");
        final CliRunner.Result result = CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--symbol", "AAPL", "--zone", "America/New_York", "--input", input.toString(), "--out", dir.toString());
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        assertTrue(result.out().contains("BAR                252"), result.all());
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal",
            dir.resolve("history-20130103").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        assertTrue(replay.out().contains("events=252"), replay.all());
    }
}
