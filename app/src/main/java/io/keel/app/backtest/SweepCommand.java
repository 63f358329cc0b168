package io.keel.app.backtest;

import io.keel.backtest.BarCsv;
import io.keel.backtest.PipelineResults;
import io.keel.research.PipelineSweep;
import io.keel.research.Sweep;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keel.app.ExitCode;
import io.keel.research.Overfitting;
import io.keel.monitoring.PerformanceStats;
import io.keel.monitoring.report.HtmlReport;
import io.keel.monitoring.report.ReportCharts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code research sweep}: the sma_crossover reference over a parameter grid on a CSV, judged out of sample
 * (walk-forward optimisation, combinatorial purged cross-validation) and for overfitting (deflated Sharpe ratio,
 * probability of backtest overfitting), every method counting every trial. See {@link Sweep}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Sweep a parameter grid: the sma_crossover reference on a CSV (--csv, --fast, --slow), or a mode " +
        "profile on journaled days through the pipeline (--mode, --data, --param KEY=V1,V2). Walk-forward " +
        "optimisation with a stitched out-of-sample curve, CPCV paths, deflated Sharpe ratio and PBO over every " +
        "trial.", "Writes sweep.json, trials.csv, oos_equity.csv and report.html into --out."})
public final class SweepCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", description = "sma_crossover: bars datetime,open,high,low," +
        "close,volume (as backtest --csv).")
    Path csv;

    @Option(names = "--mode", paramLabel = "M", description = "A mode profile, swept on --data through the pipeline.")
    String mode;

    @CommandLine.Mixin
    JournaledDays journaled = new JournaledDays();

    @Option(names = "--param", paramLabel = "KEY=V1,V2", description = "With --mode: a configuration key and its " +
        "values (repeatable; the grid is every combination), e.g. sizing.minEdgeBps=0.3,1,2.")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results folder (created; must be " +
        "empty if it exists).")
    Path out;

    @Option(names = "--fast", defaultValue = "5:50:5", description = "Fast SMA lengths: FROM:TO:STEP or a list " +
        "(default: ${DEFAULT-VALUE}).")
    String fast;

    @Option(names = "--slow", defaultValue = "20:200:20", description = "Slow SMA lengths (default: " +
        "${DEFAULT-VALUE}); pairs with fast >= slow are not run.")
    String slow;

    @Option(names = "--train-days", defaultValue = "756", description = "Walk-forward in-sample days (default: " +
        "${DEFAULT-VALUE}).")
    int trainDays;

    @Option(names = "--test-days", defaultValue = "252", description = "Walk-forward out-of-sample days, and the " +
        "step (default: ${DEFAULT-VALUE}).")
    int testDays;

    @Option(names = "--groups", defaultValue = "6", description = "CPCV groups N (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--test-groups", defaultValue = "2", description = "CPCV groups tested per split k " +
        "(default: ${DEFAULT-VALUE}).")
    int testGroups;

    @Option(names = "--embargo-days", defaultValue = "5", description = "CPCV embargo after each tested group " +
        "(default: ${DEFAULT-VALUE}).")
    int embargoDays;

    @Option(names = "--blocks", defaultValue = "16", description = "PBO blocks S, even (default: " +
        "${DEFAULT-VALUE}: C(16, 8) = 12,870 combinations).")
    int blocks;

    @Option(names = "--cash", defaultValue = "100000", description = "Initial cash (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @Option(names = "--days-per-year", description = "Annualisation: 252 stocks, 365 crypto (default: 252 for a " +
        "CSV; for a mode, 365 when every instrument is crypto).")
    Integer daysPerYearOption;

    private int daysPerYear;

    @Option(names = "--threads", description = "Trials run at once (default: the machine's cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException
    {
        BacktestCommand.requireEmpty(out);
        final long start = System.nanoTime();
        final int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        final Sweep sweep;
        final String source;
        if (csv != null)
        {
            if (mode != null || journaled.data != null || !params.isEmpty())
            {
                throw new IllegalArgumentException("research sweep: --csv sweeps sma_crossover (--fast, --slow); " +
                    "--mode with --data and --param sweeps a profile; not both");
            }
            sweep = Sweep.sma(BarCsv.read(csv), BacktestCommand.initialCash(cash), grid(fast, "--fast"),
                grid(slow, "--slow"), cores);
            daysPerYear = daysPerYearOption != null ? daysPerYearOption : 252;
            source = "sma_crossover on " + csv.getFileName();
        }
        else
        {
            if (mode == null || journaled.data == null || params.isEmpty())
            {
                throw new IllegalArgumentException("research sweep needs --csv FILE (sma_crossover), or --mode M " +
                    "--data DIR and at least one --param KEY=V1,V2");
            }
            final PipelineSweep pipeline = new PipelineSweep(journaled.load(mode), PipelineSweep.grid(params),
                journaled.journals(), journaled.range(), journaled.allowUnclosed);
            sweep = pipeline.run(cores);
            daysPerYear = daysPerYearOption != null ? daysPerYearOption : pipeline.daysPerYear();
            source = mode + " on " + journaled.data.getFileName() + " (days " + journaled.range() + ")";
        }
        if (daysPerYear < 1)
        {
            throw new IllegalArgumentException("--days-per-year must be positive");
        }
        final double annual = Math.sqrt(daysPerYear);
        final List<Sweep.Window> windows = sweep.walkForward(trainDays, testDays);
        final double[] stitched = sweep.stitched(windows);
        final Sweep.Cpcv cpcv = sweep.cpcv(groups, testGroups, embargoDays);
        final Overfitting.Pbo pbo = sweep.pbo(blocks);
        final double dsr = sweep.deflatedSharpe();
        final int best = sweep.best();
        Files.createDirectories(out);
        final double[] oosEquity = equity(sweep.initial(), stitched);
        final long[] oosDays = new long[stitched.length];
        System.arraycopy(sweep.calendar(), windows.get(0).oosFrom(), oosDays, 0, stitched.length);
        writeTrials(sweep, annual);
        writeOosEquity(oosDays, oosEquity);
        final PerformanceStats oosStats = PerformanceStats.of(oosEquity, new double[0], daysPerYear);
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("days", sweep.days());
        json.put("daysPerYear", daysPerYear);
        json.put("parameters", sweep.names());
        json.put("trials", sweep.trials().size());
        json.put("best", trialMap(sweep, sweep.trials().get(best), annual));
        json.put("trialSharpeVariance", sweep.sharpeVariance());
        json.put("expectedMaxSharpeAnnual", Overfitting.expectedMaxSharpe(sweep.sharpeVariance(), sweep.trials()
            .size()) * annual);
        json.put("deflatedSharpe", PipelineResults.finite(dsr));
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("blocks", blocks);
        p.put("combinations", pbo.combinations());
        p.put("probability", pbo.probability());
        p.put("probabilityOfLoss", pbo.probabilityOfLoss());
        p.put("degradationSlope", PipelineResults.finite(pbo.degradationSlope()));
        json.put("pbo", p);
        json.put("walkForward", walkForwardMap(sweep, windows, oosStats, oosEquity, annual));
        json.put("cpcv", cpcvMap(cpcv, annual));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("sweep.json").toFile(),
            json);
        HtmlReport.write(out.resolve("report.html"), report(sweep, source, windows, oosDays, oosEquity, oosStats,
            cpcv, pbo, dsr, annual));
        print(sweep, source, windows, oosStats, oosEquity, cpcv, pbo, dsr, annual, (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
    }

    static int[] grid(final String text, final String option)
    {
        try
        {
            final String[] range = text.split(":");
            if (range.length == 3)
            {
                final int from = Integer.parseInt(range[0].trim());
                final int to = Integer.parseInt(range[1].trim());
                final int step = Integer.parseInt(range[2].trim());
                if (from < 1 || to < from || step < 1)
                {
                    throw new IllegalArgumentException(option + " " + text + ": FROM:TO:STEP needs 1 <= FROM <= TO " +
                        "and STEP >= 1");
                }
                return java.util.stream.IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
            }
            final int[] values = java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(
                Integer::parseInt).toArray();
            if (java.util.Arrays.stream(values).anyMatch(v -> v < 1))
            {
                throw new IllegalArgumentException(option + " " + text + ": lengths must be at least 1");
            }
            return values;
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(option + " " + text + ": expected FROM:TO:STEP (5:50:5) or a list " +
                "(10,20,50)", e);
        }
    }

    private static double[] equity(final double start, final double[] returns)
    {
        final double[] e = new double[returns.length + 1];
        e[0] = start;
        for (int i = 0; i < returns.length; i++)
        {
            e[i + 1] = e[i] * (1 + returns[i]);
        }
        return e;
    }

    private static Map<String, Object> params(final Sweep sweep, final Sweep.Trial t)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < sweep.names().size(); i++)
        {
            m.put(sweep.names().get(i), t.values().get(i));
        }
        return m;
    }

    private Map<String, Object> trialMap(final Sweep sweep, final Sweep.Trial t, final double annual)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", params(sweep, t));
        m.put("trades", t.trades());
        m.put("sharpeAnnual", t.sharpe() * annual);
        return m;
    }

    private String day(final Sweep sweep, final int index)
    {
        return LocalDate.ofEpochDay(sweep.calendar()[Math.min(index, sweep.days() - 1)]).toString();
    }

    private Map<String, Object> walkForwardMap(final Sweep sweep, final List<Sweep.Window> windows,
        final PerformanceStats oos, final double[] oosEquity, final double annual)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainDays", trainDays);
        m.put("testDays", testDays);
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final Sweep.Window w : windows)
        {
            final Map<String, Object> r = new LinkedHashMap<>();
            r.put("inSampleFrom", day(sweep, w.isFrom()));
            r.put("outOfSampleFrom", day(sweep, w.oosFrom()));
            r.put("outOfSampleTo", day(sweep, w.oosTo() - 1));
            r.put("outOfSampleDays", w.oosTo() - w.oosFrom());
            r.put("params", params(sweep, sweep.trials().get(w.chosen())));
            r.put("inSampleSharpeAnnual", w.inSampleSharpe() * annual);
            r.put("outOfSampleSharpeAnnual", w.outOfSampleSharpe() * annual);
            rows.add(r);
        }
        m.put("windows", rows);
        m.put("stitchedDays", oosEquity.length - 1);
        m.put("stitchedFinalEquity", oosEquity[oosEquity.length - 1]);
        m.put("statistics", PipelineResults.statisticsMap(oos));
        return m;
    }

    private Map<String, Object> cpcvMap(final Sweep.Cpcv cpcv, final double annual)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", cpcv.groups());
        m.put("testGroups", cpcv.testGroups());
        m.put("embargoDays", embargoDays);
        m.put("splits", cpcv.splits());
        m.put("paths", cpcv.paths().length);
        final double[] sharpes = pathSharpes(cpcv, annual);
        m.put("pathSharpesAnnual", sharpes);
        m.put("meanPathSharpeAnnual", java.util.Arrays.stream(sharpes).average().orElse(Double.NaN));
        return m;
    }

    private static double[] pathSharpes(final Sweep.Cpcv cpcv, final double annual)
    {
        return java.util.Arrays.stream(cpcv.paths()).mapToDouble(p -> Sweep.sharpe(p, 0, p.length) * annual)
            .toArray();
    }

    private void writeTrials(final Sweep sweep, final double annual) throws IOException
    {
        try (Writer w = Files.newBufferedWriter(out.resolve("trials.csv"), StandardCharsets.UTF_8))
        {
            w.write(String.join(",", sweep.names()) + ",trades,sharpe_annual,total_return\n");
            for (final Sweep.Trial t : sweep.trials())
            {
                double growth = 1;
                for (final double r : t.returns())
                {
                    growth *= 1 + r;
                }
                w.write(String.join(",", t.values()) + String.format(Locale.ROOT, ",%d,%.6f,%.6f%n", t.trades(),
                    t.sharpe() * annual, growth - 1));
            }
        }
    }

    private void writeOosEquity(final long[] days, final double[] equity) throws IOException
    {
        try (Writer w = Files.newBufferedWriter(out.resolve("oos_equity.csv"), StandardCharsets.UTF_8))
        {
            w.write("date,equity\n");
            for (int i = 0; i < days.length; i++)
            {
                w.write(LocalDate.ofEpochDay(days[i]) + "," + String.format(Locale.ROOT, "%.4f", equity[i + 1]) +
                    "\n");
            }
        }
    }

    private HtmlReport.Data report(final Sweep sweep, final String source, final List<Sweep.Window> windows,
        final long[] oosDays, final double[] oosEquity, final PerformanceStats s, final Sweep.Cpcv cpcv,
        final Overfitting.Pbo pbo, final double dsr, final double annual)
    {
        final double[] x = new double[oosEquity.length];
        final double[] hold = new double[oosEquity.length];
        final int first = windows.get(0).oosFrom();
        final double[] benchmark = sweep.benchmark(); // [0] the start, [d + 1] the end of day d
        x[0] = oosDays[0] * 86_400.0 - 1;
        hold[0] = oosEquity[0];
        for (int i = 0; i < oosDays.length; i++)
        {
            x[i + 1] = oosDays[i] * 86_400.0 + 86_399;
            hold[i + 1] = oosEquity[0] * benchmark[first + i + 1] / benchmark[first];
        }
        final Map<String, Object> charts = ReportCharts.daily(x, oosEquity, hold, "buy and hold", oosDays,
            daysPerYear);
        final List<String[]> rows = new ArrayList<>();
        final Sweep.Trial best = sweep.trials().get(sweep.best());
        rows.add(new String[] {"trials run (every one counted)", Integer.toString(sweep.trials().size())});
        rows.add(new String[] {"whole-period best", sweep.label(best) + ", Sharpe " +
            PipelineResults.num(best.sharpe() * annual)});
        rows.add(new String[] {"expected best Sharpe of skill-less trials", PipelineResults.num(
            Overfitting.expectedMaxSharpe(sweep.sharpeVariance(), sweep.trials().size()) * annual)});
        rows.add(new String[] {"deflated Sharpe ratio", PipelineResults.num(dsr)});
        rows.add(new String[] {"probability of backtest overfitting", PipelineResults.num(pbo.probability()) + " (" +
            pbo.combinations() + " combinations of " + blocks + " blocks)"});
        rows.add(new String[] {"walk-forward out-of-sample Sharpe / CAGR / max drawdown", PipelineResults.num(
            s.sharpe()) + " / " + PipelineResults.pct(s.cagr()) + " / " + PipelineResults.pct(s.maxDrawdown())});
        rows.add(new String[] {"CPCV path Sharpes (" + cpcv.paths().length + " paths, " + cpcv.splits() +
            " splits)", java.util.Arrays.stream(pathSharpes(cpcv, annual)).mapToObj(PipelineResults::num).toList()
            .toString()});
        final List<List<String>> windowRows = new ArrayList<>();
        for (final Sweep.Window w : windows)
        {
            final Sweep.Trial t = sweep.trials().get(w.chosen());
            windowRows.add(List.of(day(sweep, w.isFrom()), day(sweep, w.oosFrom()), day(sweep, w.oosTo() - 1),
                sweep.label(t), PipelineResults.num(w.inSampleSharpe() * annual), PipelineResults.num(
                w.outOfSampleSharpe() * annual)));
        }
        return new HtmlReport.Data("Sweep: walk-forward out of sample", sweep.trials().size() + " trials of " +
            source + "; in sample " + trainDays + " days, out of sample " + testDays +
            " days; the charts are the stitched out-of-sample equity", rows, List.of(new HtmlReport.Table(
            "Walk-forward windows", List.of("in sample from", "out of sample from", "to", "chosen", "IS Sharpe",
            "OOS Sharpe"), windowRows, null)), charts);
    }

    private void print(final Sweep sweep, final String source, final List<Sweep.Window> windows,
        final PerformanceStats s,
        final double[] oosEquity, final Sweep.Cpcv cpcv, final Overfitting.Pbo pbo, final double dsr,
        final double annual, final double seconds)
    {
        final PrintWriter o = spec.commandLine().getOut();
        final Sweep.Trial best = sweep.trials().get(sweep.best());
        o.printf(Locale.ROOT, "sweep: %d trials over %d days of %s in %.1f s%n", sweep.trials().size(), sweep.days(),
            source, seconds);
        o.printf(Locale.ROOT, "  whole-period best %s: Sharpe %.3f; deflated Sharpe %.3f over all %d trials%n",
            sweep.label(best), best.sharpe() * annual, dsr, sweep.trials().size());
        o.printf(Locale.ROOT, "  PBO %.3f (%d combinations), P(loss out of sample) %.3f%n", pbo.probability(),
            pbo.combinations(), pbo.probabilityOfLoss());
        o.printf(Locale.ROOT, "  walk-forward: %d windows, stitched out of sample %d days: Sharpe %.3f, CAGR %.2f %%," +
            " max drawdown %.2f %%, final equity %.2f%n", windows.size(), oosEquity.length - 1, s.sharpe(),
            s.cagr() * 100, s.maxDrawdown() * 100, oosEquity[oosEquity.length - 1]);
        o.printf(Locale.ROOT, "  CPCV N=%d k=%d: %d splits, %d paths, path Sharpes %s%n", cpcv.groups(),
            cpcv.testGroups(), cpcv.splits(), cpcv.paths().length, java.util.Arrays.stream(pathSharpes(cpcv, annual))
            .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
        o.println("  results in " + out);
        o.flush();
    }
}
