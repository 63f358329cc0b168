package io.keel.app.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.app.daemon.BarBacktestTest;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backtest --mode PROFILE --data DIR}: journaled days through the pipeline into a complete results folder, on
 * the shared Binance captures (crypto_scalp), 23 years of LEAN SPY daily bars (stocks_swing) and six LEAN SPY
 * minute days replayed one chain per day in parallel (stocks_intraday).
 */
class PipelineBacktestTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldBacktestCryptoScalpOnBothBinanceCapturesAsTheReplayDoesWithACompleteReport(@TempDir final Path dir)
        throws Exception
    {
        for (final String capture : List.of("spot", "usdm"))
        {
            final Path data = dir.resolve(capture);
            final CliRunner.Result imported = CliRunner.keel("import", "--format", "binance-raw", "--input",
                SharedData.require("binance-raw/" + capture + "_btcusdt_20240808.txt").toString(), "--out",
                data.toString());
            assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
            final Path out = dir.resolve(capture + "-out");
            final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "crypto_scalp", "--data",
                data.toString(), "--days", "2024-08-08", "--out", out.toString());
            assertEquals(ExitCode.OK, run.exitCode(), run.all());
            final JsonNode summary = complete(out);
            assertEquals(365, summary.get("daysPerYear").asInt(), "crypto annualises over 365 days");
            assertTrue(summary.get("fills").asLong() > 0, summary.toString());

            // the very pipeline replay runs: same orders, fills and equity
            final CliRunner.Result replay = CliRunner.keel("replay", "--journal", data.resolve("20240808")
                .toString());
            assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
            assertEquals(field(replay.out(), "orders"), summary.get("orders").asLong(), replay.out());
            assertEquals(field(replay.out(), "fills"), summary.get("fills").asLong(), replay.out());
            final Matcher equity = Pattern.compile("equity=(-?[\\d.]+)").matcher(replay.out());
            assertTrue(equity.find(), replay.out());
            assertEquals(new BigDecimal(equity.group(1)), new BigDecimal(summary.get("finalEquity").asText())
                .setScale(2, java.math.RoundingMode.HALF_EVEN));
            if ("spot".equals(capture))
            {
                final String text = ReportBrowserTest.render(out.resolve("report.html"), 8,
                    "report-crypto-scalp-spot");
                assertTrue(text.contains("BTCUSDT: price with fills") && text.contains("Per model (attribution)") &&
                    text.contains("Per exit reason") && text.contains("Exposure and leverage"), text);
            }
        }
    }

    @Test
    void shouldBacktestStocksSwingOnTwentyThreeYearsOfSpyAndQqqDailyBarsWithVarExceptions(@TempDir final Path dir)
        throws Exception
    {
        final Path config = BarBacktestTest.withSymbols(BarBacktestTest.dailyConfig(dir), List.of("SPY", "QQQ"));
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lean-equity", "--mode",
            "stocks_swing", "--config-dir", config.toString(), "--input",
            SharedData.require("lean-equity-usa/daily/spy.csv").toString(),
            SharedData.require("lean-equity-usa/daily/qqq.csv").toString(), "--out", dir.resolve("in").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final Path out = dir.resolve("out");
        final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "stocks_swing", "--config-dir",
            config.toString(), "--data", dir.resolve("in").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        final JsonNode summary = complete(out);
        assertEquals(252, summary.get("daysPerYear").asInt());
        assertTrue(summary.get("tradeCount").asInt() > 20, summary.toString());
        final JsonNode stats = summary.get("statistics");
        assertTrue(stats.get("days").asInt() > 5_000, stats.toString());
        for (final String name : List.of("cagr", "volatility", "sharpe", "sortino", "calmar", "maxDrawdown",
            "winRate", "profitFactor", "expectancy", "averageWin", "averageLoss"))
        {
            assertTrue(stats.get(name).isNumber(), name + " in " + stats);
        }
        final JsonNode var = summary.get("varExceptions");
        assertTrue(var.get("daysTested").asInt() > 5_000, var.toString());
        assertTrue(var.get("kupiecPValue").isNumber(), var.toString());
        assertTrue(summary.get("longShort").get("long").get("trades").asInt() > 0 &&
            summary.get("longShort").get("short").get("trades").asInt() > 0, summary.get("longShort").toString());
        for (final JsonNode instrument : summary.get("perInstrument"))
        {
            assertTrue(instrument.get("trades").asInt() > 0, "both instruments trade: " + summary.get(
                "perInstrument"));
        }
        final String text = ReportBrowserTest.render(out.resolve("report.html"), 9, "report-stocks-swing-daily");
        assertTrue(text.contains("SPY: price with fills") && text.contains("QQQ: price with fills") &&
            text.contains("VaR 99% exceptions (Kupiec)") && text.contains("Long and short"), text);
    }

    @Test
    void shouldReplayTheDaysOfAnIntradayProfileInParallelExactlyAsOneAtATime(@TempDir final Path dir)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("import", "--format", "lean-equity", "--mode",
            "stocks_intraday", "--out", dir.resolve("in").toString(), "--input"));
        final List<String> days = List.of("20131004", "20131007", "20131008", "20131009", "20131010", "20131011");
        for (final String day : days)
        {
            args.add(SharedData.require("lean-equity-usa/minute/spy/" + day + "_spy_minute_trade.csv").toString());
            args.add(SharedData.require("lean-equity-usa/minute/spy/" + day + "_spy_minute_quote.csv").toString());
        }
        final CliRunner.Result imported = CliRunner.keel(args.toArray(new String[0]));
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final Path in = dir.resolve("in");
        final Path minute = BarBacktestTest.dailyConfig(dir.resolve("minute"));
        // stocks_intraday is flat five minutes before every close: its days are independent, replayed in parallel
        final Path one = backtest(in, dir.resolve("one"), minute, "--days", "2013-10-04..2013-10-11", "--threads",
            "1");
        final Path two = backtest(in, dir.resolve("two"), minute, "--days", "20131004..20131011", "--threads",
            "2");
        final JsonNode summary = complete(two);
        assertTrue(summary.get("daysIndependent").asBoolean() && summary.get("flatBeforeEveryClose").asBoolean());
        for (final String file : List.of("trades.csv", "orders.csv", "decisions.jsonl"))
        {
            assertEquals(Files.readString(one.resolve(file)), Files.readString(two.resolve(file)), file);
        }
        assertEquals(complete(one).get("finalEquity"), summary.get("finalEquity"));
        assertEquals(complete(one).get("statistics"), summary.get("statistics"));
        // New York days (the 11th's journal ends with a quote bar at 00:01 UTC on the 12th: still the 11th there)
        assertEquals(6, summary.get("statistics").get("days").asInt(), summary.get("statistics").toString());

        // each day's journal on its own: the days' P&Ls add up to the run's; every trade ends the day it began,
        // closed by the profile before the close (nothing is left to mark)
        BigDecimal pnl = BigDecimal.ZERO;
        for (final String day : days)
        {
            final JsonNode alone = complete(backtest(in.resolve(day), dir.resolve("day-" + day), minute));
            pnl = pnl.add(new BigDecimal(alone.get("finalEquity").asText())).subtract(new BigDecimal(alone.get(
                "initialCash").asText()));
        }
        assertEquals(0, pnl.compareTo(new BigDecimal(summary.get("finalEquity").asText()).subtract(new BigDecimal(
            summary.get("initialCash").asText()))), pnl.toString());
        final List<String[]> trades = trades(two);
        assertTrue(trades.stream().allMatch(t -> t[3].regionMatches(0, t[4], 0, 10)), "flat at each day's end");
        assertTrue(trades.stream().noneMatch(t -> t[12].contains("marked")), "nothing left open to mark");
        assertTrue(trades.stream().anyMatch(t -> t[12].startsWith("flatten") && t[4].endsWith("T19:55:00Z")),
            "closed five minutes before the 16:00 New York close");
        // no kill or operator here: a "flatten" label is the close-out's own, never a models' exit mid-session
        assertTrue(trades.stream().filter(t -> t[12].startsWith("flatten")).allMatch(t ->
            t[4].substring(11).compareTo("19:55") >= 0), "flatten only in the close-out window");
        final List<String> orders = Files.readAllLines(two.resolve("orders.csv"));
        assertTrue(orders.stream().skip(1).map(l -> l.split(",")).noneMatch(o -> "signal".equals(o[12]) &&
            o[1].compareTo(o[1].substring(0, 11) + "19:55") >= 0 && o[1].compareTo(o[1].substring(0, 11) + "20:00") <
            0), "no new position in the last five minutes");

        // the same profile one chain through the days: still flat every night (it is the profile that closes)
        final JsonNode sequential = complete(backtest(in, dir.resolve("sequential"), minute,
            "--days-sequential"));
        assertTrue(!sequential.get("daysIndependent").asBoolean());
        assertTrue(trades(dir.resolve("sequential")).stream().allMatch(t -> t[3].regionMatches(0, t[4], 0, 10)));

        // without the close-out a position is held overnight, and the days run sequentially by default
        final Path config = BarBacktestTest.dailyConfig(dir.resolve("carry"));
        final Path intraday = config.resolve("modes/stocks_intraday.yaml");
        Files.writeString(intraday, Files.readString(intraday).replace("flatBeforeCloseMs: 300000",
            "flatBeforeCloseMs: 0"));
        final Path carried = backtest(in, dir.resolve("carried"), minute, "--config-dir", config.toString());
        final JsonNode carriedSummary = complete(carried);
        assertTrue(!carriedSummary.get("daysIndependent").asBoolean(), carriedSummary.toString());
        assertTrue(trades(carried).stream().anyMatch(t -> !t[3].regionMatches(0, t[4], 0, 10) &&
            !"open at end (marked)".equals(t[12])), "a position held overnight");
        assertError("choose one", "backtest", "--mode", "stocks_intraday", "--data", in.toString(),
            "--days-independent", "--days-sequential", "--out", dir.resolve("both").toString());
    }

    @Test
    void shouldRefuseBadInputWithClearErrors(@TempDir final Path dir) throws IOException
    {
        final Path data = dir.resolve("in");
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lean-equity", "--mode",
            "stocks_intraday", "--out", data.toString(), "--input",
            SharedData.require("lean-equity-usa/minute/spy/20131004_spy_minute_trade.csv").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        assertError("is not a date", "backtest", "--mode", "stocks_intraday", "--data", data.toString(), "--days",
            "2013-13-01", "--out", dir.resolve("a").toString());
        assertError("ends before it starts", "backtest", "--mode", "stocks_intraday", "--data", data.toString(),
            "--days", "2013-10-05..2013-10-01", "--out", dir.resolve("b").toString());
        assertError("holds no journal for the days", "backtest", "--mode", "stocks_intraday", "--data",
            data.toString(), "--days", "2014-01-01..2014-01-31", "--out", dir.resolve("c").toString());
        assertError("import the data with --mode crypto_scalp", "backtest", "--mode", "crypto_scalp", "--data",
            data.toString(), "--out", dir.resolve("d").toString());
        assertError("needs --data", "backtest", "--mode", "stocks_intraday", "--out", dir.resolve("e").toString());
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/summary.json"), "{}");
        assertError("is not empty", "backtest", "--mode", "stocks_intraday", "--data", data.toString(), "--out",
            dir.resolve("full").toString());
        assertEquals("{}", Files.readString(dir.resolve("full/summary.json")), "nothing overwritten");
    }

    @Test
    void shouldWriteIntoTheJournalDirectoryWhereThePanelListsRunsByDefault(@TempDir final Path dir) throws IOException
    {
        final Path config = BarBacktestTest.dailyConfig(dir);
        final Path base = config.resolve("base.yaml");
        Files.writeString(base, Files.readString(base).replace("  dir: journal ", "  dir: " + dir.resolve("runs") +
            " "));
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lean-equity", "--mode",
            "stocks_intraday", "--config-dir", config.toString(), "--out", dir.resolve("in").toString(), "--input",
            SharedData.require("lean-equity-usa/minute/spy/20131004_spy_minute_trade.csv").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "stocks_intraday", "--config-dir",
            config.toString(), "--data", dir.resolve("in").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        try (java.util.stream.Stream<Path> runs = Files.list(dir.resolve("runs")))
        {
            final List<Path> found = runs.toList();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).getFileName().toString().startsWith("backtest-stocks_intraday-"));
            complete(found.get(0));
        }
    }

    private static void assertError(final String expected, final String... args)
    {
        final CliRunner.Result run = CliRunner.keel(args);
        assertNotEquals(ExitCode.OK, run.exitCode(), run.all());
        assertTrue(run.err().contains(expected), run.all());
    }

    /** A stocks_intraday backtest with the profile of {@code config} unless {@code more} names another. */
    private static Path backtest(final Path in, final Path out, final Path config, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("backtest", "--mode", "stocks_intraday", "--data",
            in.toString(), "--out", out.toString()));
        if (!List.of(more).contains("--config-dir"))
        {
            args.addAll(List.of("--config-dir", config.toString()));
        }
        args.addAll(List.of(more));
        final CliRunner.Result run = CliRunner.keel(args.toArray(new String[0]));
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        return out;
    }

    private static List<String[]> trades(final Path out) throws IOException
    {
        return Files.readAllLines(out.resolve("trades.csv")).stream().skip(1).map(l -> l.split(",")).toList();
    }

    /**
     * Every file is there and they agree: trades' net P&amp;L sums exactly to the equity change, orders.csv and
     * decisions.jsonl hold every order and decision the summary counts, the report has its data inlined.
     */
    static JsonNode complete(final Path out) throws IOException
    {
        for (final String file : List.of("summary.json", "trades.csv", "orders.csv", "decisions.jsonl",
            "report.html"))
        {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertTrue(!Files.exists(out.resolve(".parts")), "no leftovers");
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        final List<String[]> trades = trades(out);
        assertEquals(summary.get("tradeCount").asInt(), trades.size());
        final BigDecimal net = trades.stream().map(t -> new BigDecimal(t[11])).reduce(BigDecimal.ZERO,
            BigDecimal::add);
        final BigDecimal change = new BigDecimal(summary.get("finalEquity").asText()).subtract(new BigDecimal(
            summary.get("initialCash").asText()));
        assertEquals(0, net.compareTo(change), "trades add up to the equity change exactly: " + net + " vs " +
            change);
        final BigDecimal fees = trades.stream().map(t -> new BigDecimal(t[10])).reduce(BigDecimal.ZERO,
            BigDecimal::add);
        assertEquals(0, fees.compareTo(new BigDecimal(summary.get("fees").asText())), "every fee in a trade");
        assertEquals(summary.get("orders").asLong(), Files.readAllLines(out.resolve("orders.csv")).size() - 1);
        final List<String> decisions = Files.readAllLines(out.resolve("decisions.jsonl"));
        assertEquals(summary.get("decisions").asLong(), decisions.size());
        for (final String line : decisions.subList(0, Math.min(50, decisions.size())))
        {
            final JsonNode d = JSON.readTree(line);
            assertNotNull(d.get("models"), line);
            assertTrue(d.get("time").asText().endsWith("Z"), line);
        }
        for (final String table : List.of("perInstrument", "perModel", "exitReasons", "longShort"))
        {
            assertTrue(summary.get(table).size() > 0, table);
        }
        return summary;
    }

    private static long field(final String out, final String name)
    {
        final Matcher m = Pattern.compile(name + "=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }
}
