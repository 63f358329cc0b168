package io.keel.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keel.backtest.PipelineResults;
import io.keel.monitoring.PerformanceStats;
import io.keel.monitoring.report.HtmlReport;
import io.keel.monitoring.report.ReportCharts;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results folder of a sweep: {@code sweep.json} (the best trial, walk-forward with its stitched out-of-sample
 * curve, CPCV paths, deflated Sharpe, PBO), {@code trials.csv}, {@code oos_equity.csv} and {@code report.html}, and
 * the summary printed for the terminal. The one writer of a sweep's results, for the CSV and the pipeline sweeps.
 */
public final class SweepResults
{
    /** How the sweep is judged: walk-forward windows, CPCV groups and embargo, PBO blocks, annualisation. */
    public record Settings(int trainDays, int testDays, int groups, int testGroups, int embargoDays, int blocks,
        int daysPerYear)
    {
    }

    private final Sweep sweep;
    private final String source;
    private final Settings settings;
    private Path out;

    /** @param source what was swept on what, for people. */
    public SweepResults(final Sweep sweep, final String source, final Settings settings)
    {
        this.sweep = sweep;
        this.source = source;
        this.settings = settings;
    }

    /**
     * Writes the results folder {@code out} (created) and prints the summary.
     *
     * @param startNs when the sweep started ({@code System.nanoTime()}), for the elapsed time printed.
     */
    public void write(final Path out, final PrintWriter printed, final long startNs) throws IOException
    {
        final double annual = Math.sqrt(settings.daysPerYear());
        final List<Sweep.Window> windows = sweep.walkForward(settings.trainDays(), settings.testDays());
        final double[] stitched = sweep.stitched(windows);
        final Sweep.Cpcv cpcv = sweep.cpcv(settings.groups(), settings.testGroups(), settings.embargoDays());
        final Overfitting.Pbo pbo = sweep.pbo(settings.blocks());
        final double dsr = sweep.deflatedSharpe();
        final int best = sweep.best();
        Files.createDirectories(out);
        this.out = out;
        final double[] oosEquity = equity(sweep.initial(), stitched);
        final long[] oosDays = new long[stitched.length];
        System.arraycopy(sweep.calendar(), windows.get(0).oosFrom(), oosDays, 0, stitched.length);
        writeTrials(sweep, annual);
        writeOosEquity(oosDays, oosEquity);
        final PerformanceStats oosStats = PerformanceStats.of(oosEquity, new double[0], settings.daysPerYear());
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("days", sweep.days());
        json.put("daysPerYear", settings.daysPerYear());
        json.put("parameters", sweep.names());
        json.put("trials", sweep.trials().size());
        json.put("best", trialMap(sweep, sweep.trials().get(best), annual));
        json.put("trialSharpeVariance", sweep.sharpeVariance());
        json.put("expectedMaxSharpeAnnual", Overfitting.expectedMaxSharpe(sweep.sharpeVariance(), sweep.trials()
            .size()) * annual);
        json.put("deflatedSharpe", PipelineResults.finite(dsr));
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("blocks", settings.blocks());
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
        print(sweep, source, windows, oosStats, oosEquity, cpcv, pbo, dsr, annual,
            (System.nanoTime() - startNs) / 1e9, printed);
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
        m.put("trainDays", settings.trainDays());
        m.put("testDays", settings.testDays());
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
        m.put("embargoDays", settings.embargoDays());
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
            settings.daysPerYear());
        final List<String[]> rows = new ArrayList<>();
        final Sweep.Trial best = sweep.trials().get(sweep.best());
        rows.add(new String[] {"trials run (every one counted)", Integer.toString(sweep.trials().size())});
        rows.add(new String[] {"whole-period best", sweep.label(best) + ", Sharpe " +
            PipelineResults.num(best.sharpe() * annual)});
        rows.add(new String[] {"expected best Sharpe of skill-less trials", PipelineResults.num(
            Overfitting.expectedMaxSharpe(sweep.sharpeVariance(), sweep.trials().size()) * annual)});
        rows.add(new String[] {"deflated Sharpe ratio", PipelineResults.num(dsr)});
        rows.add(new String[] {"probability of backtest overfitting", PipelineResults.num(pbo.probability()) + " (" +
            pbo.combinations() + " combinations of " + settings.blocks() + " blocks)"});
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
            source + "; in sample " + settings.trainDays() + " days, out of sample " + settings.testDays() +
            " days; the charts are the stitched out-of-sample equity", rows, List.of(new HtmlReport.Table(
            "Walk-forward windows", List.of("in sample from", "out of sample from", "to", "chosen", "IS Sharpe",
            "OOS Sharpe"), windowRows, null)), charts);
    }

    private void print(final Sweep sweep, final String source, final List<Sweep.Window> windows,
        final PerformanceStats s,
        final double[] oosEquity, final Sweep.Cpcv cpcv, final Overfitting.Pbo pbo, final double dsr,
        final double annual, final double seconds,
        final PrintWriter printed)
    {
        final PrintWriter o = printed;
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
