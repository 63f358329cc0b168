package io.keel.app.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.research.Overfitting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code research sweep} on 23 years of shared SPY daily bars: every trial counted, the walk-forward's first choice
 * is the in-sample best found independently by {@code backtest} on the in-sample bars alone, the out-of-sample days
 * stitch without gap or overlap, CPCV has the book's splits and paths, and parallel runs give the same answer.
 */
class SweepTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSweepTheGridWalkForwardAndCountEveryTrial(@TempDir final Path dir) throws Exception
    {
        final Path csv = dir.resolve("spy.csv");
        ReportBrowserTest.spyDailyCsv(csv);
        final JsonNode sweep = sweep(csv, dir.resolve("two"), "2");
        assertEquals(sweep, sweep(csv, dir.resolve("one"), "1"), "one thread or two: the same results");

        // 5 fast x 4 slow, less (50, 50): 19 trials, every one counted by the deflated Sharpe's expected maximum
        final List<String[]> trials = Files.readAllLines(dir.resolve("two/trials.csv")).stream().skip(1)
            .map(l -> l.split(",")).toList();
        assertEquals(19, trials.size());
        assertEquals(19, sweep.get("trials").asInt());
        final double[] daily = trials.stream().mapToDouble(t -> Double.parseDouble(t[3]) / Math.sqrt(252)).toArray();
        final double mean = java.util.Arrays.stream(daily).average().orElseThrow();
        final double variance = java.util.Arrays.stream(daily).map(s -> (s - mean) * (s - mean)).sum() / 18;
        assertEquals(Overfitting.expectedMaxSharpe(variance, 19) * Math.sqrt(252), sweep.get(
            "expectedMaxSharpeAnnual").asDouble(), 1e-5);
        final double dsr = sweep.get("deflatedSharpe").asDouble();
        assertTrue(dsr > 0 && dsr < 1, sweep.toString());
        assertEquals(12_870, sweep.get("pbo").get("combinations").asInt());
        final double pbo = sweep.get("pbo").get("probability").asDouble();
        assertTrue(pbo >= 0 && pbo <= 1, sweep.toString());

        // the first window's choice, found independently: each trial backtested on the in-sample bars alone
        final JsonNode windows = sweep.get("walkForward").get("windows");
        final JsonNode first = windows.get(0);
        final List<String> lines = Files.readAllLines(csv);
        final Path inSample = dir.resolve("in-sample.csv");
        Files.write(inSample, lines.subList(0, 1 + 756));
        double bestSharpe = Double.NEGATIVE_INFINITY;
        String best = null;
        for (final String[] t : trials)
        {
            final Path out = dir.resolve("is-" + t[0] + "-" + t[1]);
            final CliRunner.Result run = CliRunner.keel("backtest", "--mode", "sma_crossover", "--csv",
                inSample.toString(), "--fast", t[0], "--slow", t[1], "--out", out.toString());
            assertEquals(ExitCode.OK, run.exitCode(), run.all());
            final double sharpe = JSON.readTree(out.resolve("summary.json").toFile()).get("statistics").get("sharpe")
                .asDouble();
            if (sharpe > bestSharpe)
            {
                bestSharpe = sharpe;
                best = t[0] + "/" + t[1];
            }
        }
        assertEquals(best, first.get("params").get("fast").asText() + "/" + first.get("params").get("slow").asText());
        assertEquals(bestSharpe, first.get("inSampleSharpeAnnual").asDouble(), 1e-9);

        // out-of-sample windows follow each other without gap or overlap; the stitched curve has all their days
        int days = 0;
        for (int w = 0; w < windows.size(); w++)
        {
            days += windows.get(w).get("outOfSampleDays").asInt();
            if (w > 0)
            {
                assertTrue(LocalDate.parse(windows.get(w).get("outOfSampleFrom").asText()).isAfter(LocalDate.parse(
                    windows.get(w - 1).get("outOfSampleTo").asText())));
            }
        }
        assertEquals(5849 - 756, days);
        assertEquals(days, sweep.get("walkForward").get("stitchedDays").asInt());
        final List<String> equity = Files.readAllLines(dir.resolve("two/oos_equity.csv"));
        assertEquals(days + 1, equity.size());
        assertEquals(first.get("outOfSampleFrom").asText(), equity.get(1).split(",")[0]);
        assertEquals(sweep.get("walkForward").get("stitchedFinalEquity").asDouble(), Double.parseDouble(
            equity.get(days).split(",")[1]), 1e-3);

        final JsonNode cpcv = sweep.get("cpcv");
        assertEquals(15, cpcv.get("splits").asInt());
        assertEquals(5, cpcv.get("paths").asInt());
        assertEquals(5, cpcv.get("pathSharpesAnnual").size());

        final String text = ReportBrowserTest.render(dir.resolve("two/report.html"), 6, "report-sweep-spy-daily");
        assertTrue(text.contains("deflated Sharpe ratio") && text.contains("probability of backtest overfitting") &&
            text.contains("Walk-forward windows"), text);
    }

    @Test
    void shouldSweepAModeProfileOverConfigurationKeysThroughThePipeline(@TempDir final Path dir) throws Exception
    {
        final Path config = io.keel.app.daemon.BarBacktestTest.dailyConfig(dir);
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lean-equity", "--mode",
            "stocks_swing", "--config-dir", config.toString(), "--input", io.keel.testing.SharedData.require(
            "lean-equity-usa/daily/spy.csv").toString(), "--out", dir.resolve("in").toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final CliRunner.Result run = CliRunner.keel("research", "sweep", "--mode", "stocks_swing", "--config-dir",
            config.toString(), "--data", dir.resolve("in").toString(), "--param", "sizing.minEdgeBps=0.3,2",
            "--param", "alpha.maMomentum.gain=0.4,0.8,1.6", "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        final JsonNode sweep = JSON.readTree(dir.resolve("out/sweep.json").toFile());
        assertEquals(6, sweep.get("trials").asInt(), "2 x 3 combinations, every one counted");
        assertEquals(252, sweep.get("daysPerYear").asInt());
        final List<String> trials = Files.readAllLines(dir.resolve("out/trials.csv"));
        assertEquals("sizing.minEdgeBps,alpha.maMomentum.gain,trades,sharpe_annual,total_return", trials.get(0));
        assertEquals(7, trials.size());
        assertTrue(trials.stream().skip(1).map(l -> l.split(",")[4]).distinct().count() > 1, "the keys matter");

        // one trial, as a backtest of the profile with the same values written into its file
        final String[] trial = trials.get(6).split(",");
        assertEquals("2", trial[0]);
        assertEquals("1.6", trial[1]);
        final Path swing = config.resolve("modes/stocks_swing.yaml");
        final String yaml = Files.readString(swing);
        assertTrue(yaml.contains("  minEdgeBps: 0.3\n") && yaml.contains("    gain: 0.8\n"), yaml);
        Files.writeString(swing, yaml.replace("  minEdgeBps: 0.3\n", "  minEdgeBps: 2\n").replace("    gain: 0.8\n",
            "    gain: 1.6\n"));
        final CliRunner.Result backtest = CliRunner.keel("backtest", "--mode", "stocks_swing", "--config-dir",
            config.toString(), "--data", dir.resolve("in").toString(), "--out", dir.resolve("alone").toString());
        assertEquals(ExitCode.OK, backtest.exitCode(), backtest.all());
        final JsonNode alone = JSON.readTree(dir.resolve("alone/summary.json").toFile());
        assertEquals(alone.get("totalReturn").asDouble(), Double.parseDouble(trial[4]), 1e-6);
        assertEquals(alone.get("tradeCount").asInt(), Integer.parseInt(trial[2]));

        final CliRunner.Result unknown = CliRunner.keel("research", "sweep", "--mode", "stocks_swing",
            "--config-dir", config.toString(), "--data", dir.resolve("in").toString(), "--param",
            "sizing.noSuchKey=1,2", "--out", dir.resolve("bad").toString());
        assertNotEquals(ExitCode.OK, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown key 'sizing.noSuchKey'"), unknown.all());
    }

    @Test
    void shouldRefuseAGridWithoutTrialsAndMalformedRanges(@TempDir final Path dir) throws Exception
    {
        final Path csv = dir.resolve("spy.csv");
        ReportBrowserTest.spyDailyCsv(csv);
        final CliRunner.Result none = CliRunner.keel("research", "sweep", "--csv", csv.toString(), "--fast", "50",
            "--slow", "20,50", "--out", dir.resolve("a").toString());
        assertNotEquals(ExitCode.OK, none.exitCode());
        assertTrue(none.err().contains("needs at least 2"), none.all());
        final CliRunner.Result bad = CliRunner.keel("research", "sweep", "--csv", csv.toString(), "--fast", "5:x:5",
            "--out", dir.resolve("b").toString());
        assertTrue(bad.err().contains("expected FROM:TO:STEP"), bad.all());
        final CliRunner.Result windows = CliRunner.keel("research", "sweep", "--csv", csv.toString(), "--train-days",
            "6000", "--out", dir.resolve("c").toString());
        assertTrue(windows.err().contains("walk-forward needs"), windows.all());
    }

    private static JsonNode sweep(final Path csv, final Path out, final String threads) throws Exception
    {
        final CliRunner.Result run = CliRunner.keel("research", "sweep", "--csv", csv.toString(), "--fast",
            "10:50:10", "--slow", "50,100,150,200", "--threads", threads, "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        assertTrue(run.out().contains("deflated Sharpe") && run.out().contains("PBO"), run.out());
        final JsonNode json = JSON.readTree(out.resolve("sweep.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode)json).remove("csv");
        return json;
    }
}
