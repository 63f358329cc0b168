package io.keel.monitoring.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's charts drawn from daily equity, as data for {@link HtmlReport} (NaN becomes null: a gap). */
public final class ReportCharts
{
    /** Worst drawdowns marked on the underwater chart. */
    public static final int WORST_DRAWDOWNS = 5;
    private static final int HISTOGRAM_BINS = 40;

    private ReportCharts()
    {
    }

    /** @return the keys and values, in this order (the report's bytes do not depend on a hash seed). */
    private static Map<String, Object> ordered(final Object... keysAndValues)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static Double orNull(final double value)
    {
        return Double.isFinite(value) ? value : null;
    }

    public static List<Double> list(final double[] values)
    {
        final List<Double> out = new ArrayList<>(values.length);
        for (final double v : values)
        {
            out.add(orNull(v));
        }
        return out;
    }

    /**
     * @param x              epoch seconds of each point: the start, then each day's end.
     * @param equity         equity at those points.
     * @param benchmark      buy-and-hold at those points.
     * @param benchmarkLabel what the benchmark is.
     * @param days           epoch day of each point after the start.
     * @param daysPerYear    252 or 365.
     * @return equity, underwater (with the worst drawdowns), daily, monthly, distribution and rolling charts.
     */
    public static Map<String, Object> daily(final double[] x, final double[] equity, final double[] benchmark,
        final String benchmarkLabel, final long[] days, final int daysPerYear)
    {
        final Map<String, Object> charts = equityAndUnderwater(x, equity, benchmark, benchmarkLabel);
        final List<Double> xs = list(x);
        final double[] returns = ReportSeries.returns(equity);
        final List<Double> dayX = xs.subList(1, xs.size());
        charts.put("daily", ordered("x", dayX, "r", list(returns)));
        charts.put("monthly", ReportSeries.monthly(equity[0], days, java.util.Arrays.copyOfRange(equity, 1,
            equity.length)));
        final double[][] histogram = ReportSeries.histogram(returns, HISTOGRAM_BINS);
        charts.put("distribution", ordered("edges", list(histogram[0]), "counts", list(histogram[1])));
        final int window = daysPerYear >= 365 ? 90 : 63;
        charts.put("rolling", ordered("x", dayX, "sharpe", list(ReportSeries.rollingSharpe(returns, window,
            daysPerYear)), "window", window));
        return charts;
    }

    /** @return the equity against the benchmark, and the underwater curve with the worst drawdowns, at points x. */
    public static Map<String, Object> equityAndUnderwater(final double[] x, final double[] equity,
        final double[] benchmark, final String benchmarkLabel)
    {
        final Map<String, Object> charts = new LinkedHashMap<>();
        final List<Double> xs = list(x);
        charts.put("equity", ordered("x", xs, "strategy", list(equity), "benchmark", list(benchmark),
            "benchmarkLabel", benchmarkLabel));
        final List<Map<String, Object>> worst = new ArrayList<>();
        for (final ReportSeries.Drawdown d : ReportSeries.worstDrawdowns(equity, WORST_DRAWDOWNS))
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", x[d.peak()]);
            m.put("to", x[d.recovery() < 0 ? x.length - 1 : d.recovery()]);
            m.put("trough", x[d.trough()]);
            m.put("depth", d.depth());
            m.put("recovered", d.recovery() >= 0);
            worst.add(m);
        }
        charts.put("underwater", ordered("x", xs, "dd", list(ReportSeries.underwater(equity)), "worst", worst));
        return charts;
    }
}
