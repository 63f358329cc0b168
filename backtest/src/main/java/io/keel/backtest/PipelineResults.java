package io.keel.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keel.engine.ModelAttribution;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.monitoring.PerformanceStats;
import io.keel.risk.VarTracker;
import io.keel.monitoring.report.HtmlReport;
import io.keel.monitoring.report.ReportCharts;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges a pipeline backtest's segments (days replayed on their own are chained: each adds its P&amp;L to the
 * equity the previous ones left) and writes the results folder: {@code summary.json}, {@code trades.csv},
 * {@code orders.csv}, {@code decisions.jsonl} and {@code report.html}.
 */
public final class PipelineResults
{
    /** Instruments drawn with their fills. */
    static final int PRICE_CHARTS = 4;
    /** Runs shorter than this many days draw equity and drawdowns from the intraday curve. */
    static final int INTRADAY_DAYS = 30;
    private static final double MONEY = 1e8;

    private final LoadedConfig loaded;
    private final InstrumentSpec[] specs;
    private final List<PipelineBacktest.Segment> segments;
    private final long initial;
    private final int daysPerYear;
    private final List<Long> days = new ArrayList<>();
    private final List<Long> dayEquity = new ArrayList<>();
    private final List<Double> dayBenchmark = new ArrayList<>();
    private final List<RunRecorder.Trade> trades = new ArrayList<>();
    private final List<RunRecorder.Order> orders = new ArrayList<>();
    private final List<RunRecorder.Fill> fills = new ArrayList<>();
    private long finalEquity;
    private long events;
    private long decisions;
    private long vetoes;
    private long traded;
    private long fees;
    private long inMarketNs;
    private long spanNs;
    private ModelAttribution attribution;

    public PipelineResults(final LoadedConfig loaded, final List<PipelineBacktest.Segment> segments)
    {
        this.loaded = loaded;
        this.specs = loaded.instruments().toArray(new InstrumentSpec[0]);
        this.segments = segments;
        this.initial = loaded.money().initialCash();
        this.daysPerYear = loaded.instruments().stream().allMatch(s -> s.assetClass().isCrypto()) ? 365 :
            252;
        long offset = 0;
        double benchmarkFactor = 1;
        finalEquity = initial;
        for (final PipelineBacktest.Segment s : segments)
        {
            final RunRecorder r = s.recorder();
            final long[] d = r.days();
            final long[] e = r.dayEquity();
            final double[] b = r.dayBenchmark();
            for (int i = 0; i < d.length; i++)
            {
                days.add(d[i]);
                dayEquity.add(e[i] + offset);
                dayBenchmark.add(b[i] * benchmarkFactor);
            }
            trades.addAll(r.trades());
            orders.addAll(r.orders());
            fills.addAll(r.fills());
            events += r.events();
            decisions += r.decisionCount();
            vetoes += r.vetoes();
            traded += r.tradedNotional();
            fees += r.feesTotal();
            inMarketNs += r.inMarketNs();
            spanNs += r.firstNs() == Long.MIN_VALUE ? 0 : r.lastNs() - r.firstNs();
            offset += r.finalEquity() - initial;
            finalEquity = initial + offset;
            if (b.length > 0 && b[b.length - 1] > 0)
            {
                benchmarkFactor *= b[b.length - 1] / initial;
            }
            if (attribution == null)
            {
                attribution = r.attribution();
            }
            else
            {
                attribution.add(r.attribution());
            }
        }
    }

    public long finalEquity()
    {
        return finalEquity;
    }

    public int tradeCount()
    {
        return trades.size();
    }

    public int daysPerYear()
    {
        return daysPerYear;
    }

    /** @return the epoch day of each day's end. */
    public long[] days()
    {
        return days.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return buy-and-hold (equal weight) at the start, then at each day's end, in money. */
    public double[] dailyBenchmark()
    {
        return fromStart(dayBenchmark);
    }

    /** @return equity at the start, then at each day's end, in money. */
    public double[] dailyEquity()
    {
        return fromStart(dayEquity);
    }

    /** @return the initial money, then each day's value, in money units of 1. */
    private double[] fromStart(final List<? extends Number> perDay)
    {
        final double[] out = new double[perDay.size() + 1];
        out[0] = initial / MONEY;
        for (int i = 0; i < perDay.size(); i++)
        {
            out[i + 1] = perDay.get(i).doubleValue() / MONEY;
        }
        return out;
    }

    public PerformanceStats statistics()
    {
        final double[] equity = dailyEquity();
        return PerformanceStats.of(equity.length >= 2 ? equity : new double[] {equity[0], equity[0]},
            trades.stream().mapToDouble(t -> t.netPnl() / MONEY).toArray(), daysPerYear);
    }

    public VarTracker.Kupiec varExceptions()
    {
        final VarTracker var = new VarTracker(250, 0.99);
        for (int i = 0; i < days.size(); i++)
        {
            var.onEquity(days.get(i), dayEquity.get(i) / MONEY);
        }
        if (!days.isEmpty())
        {
            var.onEquity(days.get(days.size() - 1) + 1, dayEquity.get(days.size() - 1) / MONEY); // scores the last day
        }
        return var.backtest();
    }

    public void write(final Path out, final Map<String, Object> run, final long engineNs) throws IOException
    {
        final PerformanceStats stats = statistics();
        final VarTracker.Kupiec kupiec = varExceptions();
        ResultCsv.writeTrades(out.resolve("trades.csv"), trades, specs);
        ResultCsv.writeOrders(out.resolve("orders.csv"), orders, specs);
        joinDecisions(out);
        final Map<String, Object> summary = new LinkedHashMap<>(run);
        summary.put("events", events);
        summary.put("decisions", decisions);
        summary.put("vetoes", vetoes);
        summary.put("orders", orders.size());
        summary.put("fills", fills.size());
        summary.put("tradeCount", trades.size());
        summary.put("initialCash", money(initial));
        summary.put("finalEquity", money(finalEquity));
        summary.put("totalReturn", finite((double)finalEquity / initial - 1));
        summary.put("fees", money(fees));
        summary.put("tradedNotional", money(traded));
        summary.put("turnover", finite(turnover()));
        summary.put("turnoverAnnual", finite(days.isEmpty() ? Double.NaN : turnover() * daysPerYear / days.size()));
        summary.put("timeInMarket", finite(spanNs == 0 ? 0 : (double)inMarketNs / spanNs));
        summary.put("engineMillis", Math.round(engineNs / 1e6));
        summary.put("statistics", statisticsMap(stats));
        summary.put("longShort", longShort());
        summary.put("perInstrument", perInstrument());
        summary.put("perModel", perModel());
        summary.put("exitReasons", exitReasons());
        final Map<String, Object> var = new LinkedHashMap<>();
        var.put("confidence", 0.99);
        var.put("daysTested", kupiec.days());
        var.put("exceptions", kupiec.exceptions());
        var.put("expected", kupiec.expected() * kupiec.days());
        var.put("kupiecLr", finite(kupiec.lr()));
        var.put("kupiecPValue", finite(kupiec.pValue()));
        summary.put("varExceptions", var);
        final List<FillComparison> comparisons = new ArrayList<>();
        for (final PipelineBacktest.Segment seg : segments)
        {
            if (seg.fills() != null)
            {
                comparisons.add(seg.fills());
            }
        }
        if (!comparisons.isEmpty())
        {
            summary.put("liveVsSimulated", FillComparison.write(out.resolve("fills.csv"), comparisons));
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json")
            .toFile(), summary);
        HtmlReport.write(out.resolve("report.html"), report(run, stats, kupiec));
    }

    private double turnover()
    {
        final double mean = Arrays.stream(dailyEquity()).average().orElse(initial / MONEY);
        return traded / MONEY / mean;
    }

    public static Object finite(final double value)
    {
        return Double.isFinite(value) ? value : null;
    }

    public static String money(final long value)
    {
        return FixedPoint.toText(value, FixedPoint.MONEY_SCALE);
    }

    public static Map<String, Object> statisticsMap(final PerformanceStats s)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("days", s.days());
        m.put("totalReturn", finite(s.totalReturn()));
        m.put("cagr", finite(s.cagr()));
        m.put("volatility", finite(s.volatility()));
        m.put("sharpe", finite(s.sharpe()));
        m.put("sortino", finite(s.sortino()));
        m.put("calmar", finite(s.calmar()));
        m.put("maxDrawdown", finite(s.maxDrawdown()));
        m.put("maxDrawdownDays", s.maxDrawdownDays());
        m.put("winRate", finite(s.winRate()));
        m.put("profitFactor", finite(s.profitFactor()));
        m.put("expectancy", finite(s.expectancy()));
        m.put("averageWin", finite(s.averageWin()));
        m.put("averageLoss", finite(s.averageLoss()));
        return m;
    }

    /** Count, net P&amp;L and win rate of a group of trades. */
    private static Map<String, Object> group(final List<RunRecorder.Trade> group)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        long net = 0;
        long wins = 0;
        long fee = 0;
        for (final RunRecorder.Trade t : group)
        {
            net += t.netPnl();
            fee += t.fees();
            wins += t.netPnl() > 0 ? 1 : 0;
        }
        m.put("trades", group.size());
        m.put("netPnl", money(net));
        m.put("fees", money(fee));
        m.put("winRate", finite(group.isEmpty() ? Double.NaN : (double)wins / group.size()));
        return m;
    }

    private Map<String, Object> longShort()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("long", group(trades.stream().filter(t -> t.direction() > 0).toList()));
        m.put("short", group(trades.stream().filter(t -> t.direction() < 0).toList()));
        return m;
    }

    private List<Map<String, Object>> perInstrument()
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final InstrumentSpec spec : specs)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", spec.symbol());
            m.putAll(group(trades.stream().filter(t -> t.instrument() == spec.id()).toList()));
            m.put("fills", fills.stream().filter(f -> f.instrument() == spec.id()).count());
            m.put("tradedNotional", money(fills.stream().filter(f -> f.instrument() == spec.id())
                .mapToLong(f -> spec.notional(f.price(), f.quantity())).sum()));
            rows.add(m);
        }
        return rows;
    }

    private List<Map<String, Object>> perModel()
    {
        final List<String> names = attribution.modelNames();
        final double[] pnl = new double[names.size()];
        for (final RunRecorder.Trade t : trades)
        {
            for (int i = 0; t.shares() != null && i < Math.min(pnl.length, t.shares().length); i++)
            {
                pnl[i] += t.shares()[i] * t.netPnl() / MONEY;
            }
        }
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", names.get(i));
            m.put("tradePnlShare", finite(pnl[i]));
            m.put("orders", attribution.ordersIn(i));
            m.put("agreed", attribution.ordersAgreeing(i));
            m.put("markout", finite(attribution.markoutUsd(i)));
            rows.add(m);
        }
        return rows;
    }

    private List<Map<String, Object>> exitReasons()
    {
        final Map<RunRecorder.ExitReason, List<RunRecorder.Trade>> by = new EnumMap<>(RunRecorder.ExitReason.class);
        trades.forEach(t -> by.computeIfAbsent(t.reason(), r -> new ArrayList<>()).add(t));
        final List<Map<String, Object>> rows = new ArrayList<>();
        by.forEach((reason, group) ->
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", reason.label);
            m.putAll(group(group));
            rows.add(m);
        });
        return rows;
    }

    /** Concatenates the segments' decision files, in order, into decisions.jsonl, and removes them. */
    private void joinDecisions(final Path out) throws IOException
    {
        final Path parts = out.resolve(".parts");
        try (OutputStream joined = Files.newOutputStream(out.resolve("decisions.jsonl")))
        {
            try (Stream<Path> files = Files.list(parts))
            {
                for (final Path part : files.sorted().toList())
                {
                    Files.copy(part, joined);
                    Files.delete(part);
                }
            }
        }
        Files.delete(parts);
    }

    private HtmlReport.Data report(final Map<String, Object> run, final PerformanceStats s,
        final VarTracker.Kupiec kupiec)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"initial cash → final equity", money2(initial) + " → " + money2(finalEquity)});
        rows.add(new String[] {"total return", pct((double)finalEquity / initial - 1)});
        rows.add(new String[] {"CAGR", pct(s.cagr())});
        rows.add(new String[] {"volatility (annualised, " + daysPerYear + " days)", pct(s.volatility())});
        rows.add(new String[] {"Sharpe", num(s.sharpe())});
        rows.add(new String[] {"Sortino", num(s.sortino())});
        rows.add(new String[] {"Calmar", num(s.calmar())});
        rows.add(new String[] {"max drawdown", pct(s.maxDrawdown()) + " over " + s.maxDrawdownDays() + " days"});
        rows.add(new String[] {"trades", Integer.toString(trades.size())});
        rows.add(new String[] {"win rate", pct(s.winRate())});
        rows.add(new String[] {"profit factor", num(s.profitFactor())});
        rows.add(new String[] {"expectancy per trade", num(s.expectancy())});
        rows.add(new String[] {"average win / loss", num(s.averageWin()) + " / " + num(s.averageLoss())});
        rows.add(new String[] {"fees", money2(fees)});
        rows.add(new String[] {"traded notional (turnover)", money2(traded) + " (" + num(turnover()) + "× mean " +
            "equity)"});
        rows.add(new String[] {"time in market", pct(spanNs == 0 ? 0 : (double)inMarketNs / spanNs)});
        rows.add(new String[] {"decisions / vetoes / orders / fills", decisions + " / " + vetoes + " / " +
            orders.size() + " / " + fills.size()});
        rows.add(new String[] {"VaR 99% exceptions (Kupiec)", kupiec.days() == 0 ? "not tested (needs more than " +
            "20 days of P&L)" : kupiec.exceptions() + " in " + kupiec.days() + " days, expected " +
            num(kupiec.expected() * kupiec.days()) + ", p = " + num(kupiec.pValue())});
        final List<HtmlReport.Table> tables = new ArrayList<>();
        tables.add(table("Long and short", List.of("side", "trades", "net P&L", "fees", "win rate"),
            longShort().entrySet().stream().map(e -> groupRow(e.getKey(), asMap(e.getValue()))).toList(), null));
        tables.add(table("Per instrument", List.of("symbol", "trades", "net P&L", "fees", "win rate"),
            perInstrument().stream().map(m -> groupRow(m.get("symbol").toString(), m)).toList(), null));
        tables.add(table("Per exit reason", List.of("reason", "trades", "net P&L", "fees", "win rate"),
            exitReasons().stream().map(m -> groupRow(m.get("reason").toString(), m)).toList(), null));
        tables.add(table("Per model (attribution)", List.of("model", "share of trade P&L", "orders", "agreed",
            "markout"), perModel().stream().map(m -> List.of(m.get("model").toString(), num(m.get("tradePnlShare")),
            m.get("orders").toString(), m.get("agreed").toString(), num(m.get("markout")))).toList(),
            "Each trade's net P&L split by the entry decision's blend shares w·e / Σ w·e; markout: each order marked " +
            "out at the ensemble horizon, split the same way (before fees)."));
        tables.add(table("Trades (first 500; all in trades.csv)", List.of("#", "symbol", "side", "entry", "exit",
            "net P&L", "reason"), tradeRows(), null));
        return new HtmlReport.Data(loaded.mode() + " backtest", run.get("description").toString(), rows, tables,
            charts(s));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(final Object o)
    {
        return (Map<String, Object>)o;
    }

    private static HtmlReport.Table table(final String title, final List<String> headers,
        final List<List<String>> rows, final String note)
    {
        return new HtmlReport.Table(title, headers, rows, note);
    }

    private static List<String> groupRow(final String name, final Map<String, Object> m)
    {
        return List.of(name, m.get("trades").toString(), m.get("netPnl").toString(), m.get("fees").toString(),
            m.get("winRate") == null ? "n/a" : pct((Double)m.get("winRate")));
    }

    private List<List<String>> tradeRows()
    {
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(500, trades.size()); i++)
        {
            final RunRecorder.Trade t = trades.get(i);
            rows.add(List.of(Integer.toString(i + 1), specs[t.instrument()].symbol(), t.direction() > 0 ? "long" :
                "short", Instant.ofEpochSecond(0, t.entryNs()).toString(), Instant.ofEpochSecond(0, t.exitNs())
                .toString(), money2(t.netPnl()), t.reason().label));
        }
        return rows;
    }

    private Map<String, Object> charts(final PerformanceStats s)
    {
        final Map<String, Object> charts = new LinkedHashMap<>();
        final double[] equity = dailyEquity();
        final double[] x = new double[equity.length];
        // the starting point sits a day before the first day's end
        x[0] = days.isEmpty() ? 0 : (days.get(0) - 1) * 86_400.0 + 86_399;
        for (int i = 0; i < days.size(); i++)
        {
            x[i + 1] = days.get(i) * 86_400.0 + 86_399;
        }
        final double[] benchmark = dailyBenchmark();
        charts.putAll(ReportCharts.daily(x, equity, benchmark, "buy and hold (equal weight)", days.stream()
            .mapToLong(Long::longValue).toArray(), daysPerYear));
        if (days.size() < INTRADAY_DAYS)
        {
            charts.putAll(CurveCharts.intradayEquity(segments, initial));
        }
        charts.put("exposure", CurveCharts.exposure(segments, initial));
        charts.put("prices", CurveCharts.prices(segments, specs, fills, PRICE_CHARTS));
        return charts;
    }

    public static String pct(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", v * 100) : "n/a";
    }

    public static String num(final Object v)
    {
        return v instanceof Number n && Double.isFinite(n.doubleValue()) ? String.format(Locale.ROOT, "%.3f",
            n.doubleValue()) : "n/a";
    }

    private static String money2(final long value)
    {
        return BigDecimal.valueOf(value, FixedPoint.MONEY_SCALE).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
