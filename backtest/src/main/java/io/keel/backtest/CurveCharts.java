package io.keel.backtest;

import io.keel.core.InstrumentSpec;
import io.keel.monitoring.report.ReportCharts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's charts drawn from the segments' sampled curves: intraday equity, exposure, prices with fills. */
final class CurveCharts
{
    private static final double MONEY = 1e8; // FixedPoint.MONEY_SCALE digits

    private CurveCharts()
    {
    }

    /** Equity, buy-and-hold and drawdowns from the sampled curve (segments chained as for daily equity). */
    static Map<String, Object> intradayEquity(final List<PipelineBacktest.Segment> segments, final long initial)
    {
        final List<double[]> points = new ArrayList<>();
        points.add(new double[] {Double.NaN, initial / MONEY, initial / MONEY});
        long offset = 0;
        double factor = 1;
        for (final PipelineBacktest.Segment seg : segments)
        {
            final RunRecorder r = seg.recorder();
            for (int i = 0; i < r.curve.count; i++)
            {
                points.add(new double[] {r.curve.ns[i] / 1e9, (r.curve.equity[i] + offset) / MONEY,
                    r.curve.benchmark[i] * factor / MONEY});
            }
            offset += r.finalEquity() - initial;
            if (r.curve.count > 0 && r.curve.benchmark[r.curve.count - 1] > 0)
            {
                factor *= r.curve.benchmark[r.curve.count - 1] / initial;
            }
        }
        if (points.size() == 1)
        {
            return Map.of();
        }
        points.get(0)[0] = points.get(1)[0] - 1;
        return ReportCharts.equityAndUnderwater(points.stream().mapToDouble(p -> p[0]).toArray(),
            points.stream().mapToDouble(p -> p[1]).toArray(), points.stream().mapToDouble(p -> p[2]).toArray(),
            "buy and hold (equal weight)");
    }

    static Map<String, Object> exposure(final List<PipelineBacktest.Segment> segments, final long initial)
    {
        final List<Double> t = new ArrayList<>();
        final List<Double> gross = new ArrayList<>();
        final List<Double> net = new ArrayList<>();
        final List<Double> leverage = new ArrayList<>();
        long offset = 0;
        for (final PipelineBacktest.Segment seg : segments)
        {
            final RunRecorder r = seg.recorder();
            for (int i = 0; i < r.curve.count; i++)
            {
                t.add(r.curve.ns[i] / 1e9);
                gross.add(r.curve.gross[i] / MONEY);
                net.add(r.curve.net[i] / MONEY);
                leverage.add(ReportCharts.orNull((double)r.curve.gross[i] / (r.curve.equity[i] + offset)));
            }
            offset += r.finalEquity() - initial;
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", t);
        m.put("gross", gross);
        m.put("net", net);
        m.put("leverage", leverage);
        return m;
    }

    static List<Map<String, Object>> prices(final List<PipelineBacktest.Segment> segments,
        final InstrumentSpec[] specs, final List<RunRecorder.Fill> fills, final int most)
    {
        final List<Map<String, Object>> charts = new ArrayList<>();
        for (int id = 0; id < Math.min(most, specs.length); id++)
        {
            final InstrumentSpec spec = specs[id];
            final TreeMap<Double, double[]> points = new TreeMap<>();
            for (final PipelineBacktest.Segment seg : segments)
            {
                final RunRecorder r = seg.recorder();
                for (int i = 0; i < r.curve.count; i++)
                {
                    points.computeIfAbsent(r.curve.ns[i] / 1e9, k -> nans())[0] = r.curve.mid[id][i];
                }
            }
            final int instrument = id;
            fills.stream().filter(f -> f.instrument() == instrument).limit(5_000).forEach(f ->
            {
                final double[] p = points.computeIfAbsent(f.timeNs() / 1e9, k -> nans());
                p[f.side().sign() > 0 ? 1 : 2] = spec.priceToDouble(f.price());
            });
            if (points.values().stream().allMatch(p -> Double.isNaN(p[0])))
            {
                continue; // no price of it in the data
            }
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", spec.symbol());
            m.put("x", new ArrayList<>(points.keySet()));
            m.put("mid", points.values().stream().map(p -> ReportCharts.orNull(p[0])).toList());
            m.put("buy", points.values().stream().map(p -> ReportCharts.orNull(p[1])).toList());
            m.put("sell", points.values().stream().map(p -> ReportCharts.orNull(p[2])).toList());
            charts.add(m);
        }
        return charts;
    }

    private static double[] nans()
    {
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
}
