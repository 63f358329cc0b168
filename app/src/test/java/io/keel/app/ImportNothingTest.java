package io.keel.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import that reads nothing useful is refused (exit 2), naming the file, the first bad line and why; it never exits
 * 0 having written nothing. A partly malformed file still imports, and its report names the first bad row.
 */
class ImportNothingTest
{
    @Test
    void shouldRefuseACaptureOfAnotherVenueFedAsBinanceNamingTheFirstBadLine(@TempDir final Path dir)
        throws IOException
    {
        // a Hyperliquid-style WebSocket capture: not one line is a Binance stream message
        final Path capture = dir.resolve("hyperliquid_btc.txt");
        Files.writeString(capture, """
            1722902400000000000 {"channel":"trades","data":[{"coin":"BTC","side":"B","px":"56123.0","sz":"0.01"}]}
            1722902400100000000 {"channel":"l2Book","data":{"coin":"BTC","levels":[[],[]]}}
            """);
        final CliRunner.Result result = CliRunner.keel("import", "--format", "binance-raw", "--symbol", "BTCUSDT",
            "--input", capture.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains("import: nothing imported from " + capture + " (2 rows read, 0 events " +
            "written) as --format binance-raw; first bad row: " + capture + " line 1: "), result.all());
        assertTrue(result.err().contains("the line reads: 1722902400000000000 {\"channel\":\"trades\""),
            result.all());
        assertFalse(Files.exists(dir.resolve("out")) && Files.list(dir.resolve("out")).findAny().isPresent(),
            "no journal written");
    }

    @Test
    void shouldRefuseACsvWhereNoRowIsABar(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("coinbase.csv");
        Files.writeString(csv, """
            datetime,open,high,low,close,volume
            2024-01-02T09:30:00Z,BTC-USD,buy,42000.10,0.5,trade
            2024-01-02T09:30:01Z,BTC-USD,sell,42000.00,0.2,trade
            """);
        final CliRunner.Result result = CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--symbol", "SPY", "--input", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT, result.exitCode(), result.all());
        assertTrue(result.err().contains("nothing imported from " + csv), result.all());
        assertTrue(result.err().contains("first bad row: " + csv + " line 2: "), result.all());
        assertTrue(result.err().contains("the line reads: 2024-01-02T09:30:00Z,BTC-USD,buy"), result.all());
    }

    @Test
    void shouldNameTheFirstBadRowOfAPartlyMalformedFileAndStillImportIt(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("spy.csv");
        Files.writeString(csv, """
            datetime,open,high,low,close,volume
            2024-01-02 09:30:00,470.00,471.00,469.50,470.50,1000
            2024-01-02 09:31:00,470.50,470.90,470.10,470.20,oops
            2024-01-02 09:32:00,470.20,470.40,469.90,470.30,900
            """);
        final CliRunner.Result result = CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--symbol", "SPY", "--input", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        assertTrue(result.out().contains("first bad row: " + csv + " line 3: "), result.out());
        assertTrue(result.out().contains("the line reads: 2024-01-02 09:31:00,470.50,470.90,470.10,470.20,oops"),
            result.out());
    }

    @Test
    void shouldSayThereIsNothingToVerifyInAnImportedJournalInsteadOfDiverged(@TempDir final Path dir)
        throws IOException
    {
        final Path csv = dir.resolve("spy.csv");
        Files.writeString(csv, """
            datetime,open,high,low,close,volume
            2024-01-02 09:30:00,470.00,471.00,469.50,470.50,1000
            2024-01-02 09:31:00,470.50,470.90,470.10,470.20,800
            """);
        final Path out = dir.resolve("out");
        assertEquals(ExitCode.OK, CliRunner.keel("import", "--format", "csv", "--mode", "stocks_intraday",
            "--symbol", "SPY", "--input", csv.toString(), "--out", out.toString()).exitCode());
        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", out.resolve("20240102").toString());
        assertEquals(ExitCode.BAD_INPUT, verify.exitCode(), verify.all());
        assertTrue(verify.err().contains("verify: nothing to verify: the journal records no decisions or intents"),
            verify.all());
        assertFalse(verify.all().contains("DIVERGED"), "nothing diverged: " + verify.all());
    }
}
