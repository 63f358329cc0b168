package io.keel.backtest;

import io.keel.monitoring.PerformanceStats;
import io.keel.monitoring.report.HtmlReport;
import io.keel.monitoring.report.ReportCharts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sma_crossover run as report data: daily marked equity, buy-and-hold, the closes with the trades. */
public final class SmaReport
{
    private SmaReport()
    {
    }

    /**
     * Equity at each day's end (a day ends at its last bar; the date is the datetime's first ten characters, or
     * eight for {@code yyyyMMdd}).
     *
     * @param days      epoch day of each point after the start.
     * @param lastBar   index of each day's last bar.
     * @param equity    the start, then each day's end.
     * @param benchmark buy-and-hold of the same cash from the first close, at the same points.
     */
    public record Daily(long[] days, int[] lastBar, double[] equity, double[] benchmark)
    {
    }

    public static Daily daily(final BarCsv.Bars bars, final long[] marked, final long initial)
    {
        final String[] times = bars.times();
        final List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < bars.count(); i++)
        {
            if (i == bars.count() - 1 || !times[i + 1].regionMatches(0, times[i], 0, 10))
            {
                ends.add(i);
            }
        }
        final long[] days = new long[ends.size()];
        final int[] lastBar = new int[ends.size()];
        final double[] equity = new double[ends.size() + 1];
        final double[] benchmark = new double[ends.size() + 1];
        equity[0] = initial / 1e8;
        benchmark[0] = equity[0];
        final double firstClose = bars.close()[0];
        for (int d = 0; d < ends.size(); d++)
        {
            final int i = ends.get(d);
            days[d] = epochDay(times[i], d);
            lastBar[d] = i;
            equity[d + 1] = marked[i] / 1e8;
            benchmark[d + 1] = equity[0] * bars.close()[i] / firstClose;
        }
        return new Daily(days, lastBar, equity, benchmark);
    }

    /** @return the bar's UTC day; a datetime without a leading date counts days from 1970 by position. */
    private static long epochDay(final String time, final int index)
    {
        try
        {
            return time.length() >= 10 && time.charAt(4) == '-' ? LocalDate.parse(time.substring(0, 10))
                .toEpochDay() : LocalDate.parse(time.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
        }
        catch (final DateTimeParseException | StringIndexOutOfBoundsException e)
        {
            return index;
        }
    }

    public static HtmlReport.Data data(final String title, final BarCsv.Bars bars, final long[] marked,
        final SmaCrossover.Result r, final PerformanceStats s, final Daily daily, final int daysPerYear)
    {
        final double[] x = new double[daily.equity().length];
        for (int d = 0; d < daily.days().length; d++)
        {
            x[d + 1] = daily.days()[d] * 86_400.0 + 86_399;
        }
        x[0] = x.length > 1 ? x[1] - 86_400 : 0;
        final Map<String, Object> charts = new LinkedHashMap<>(ReportCharts.daily(x, daily.equity(),
            daily.benchmark(), "buy and hold", daily.days(), daysPerYear));
        charts.put("prices", List.of(prices(bars, r, daily, x)));
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"total return", PipelineResults.pct((double)marked[bars.count() - 1] / marked[0] -
            1)});
        rows.add(new String[] {"CAGR", PipelineResults.pct(s.cagr())});
        rows.add(new String[] {"volatility", PipelineResults.pct(s.volatility())});
        rows.add(new String[] {"Sharpe", PipelineResults.num(s.sharpe())});
        rows.add(new String[] {"Sortino", PipelineResults.num(s.sortino())});
        rows.add(new String[] {"Calmar", PipelineResults.num(s.calmar())});
        rows.add(new String[] {"max drawdown", PipelineResults.pct(s.maxDrawdown()) + " over " + s.maxDrawdownDays() +
            " days"});
        rows.add(new String[] {"trades", Integer.toString(r.count)});
        rows.add(new String[] {"win rate", PipelineResults.pct(s.winRate())});
        rows.add(new String[] {"profit factor", PipelineResults.num(s.profitFactor())});
        rows.add(new String[] {"expectancy", PipelineResults.num(s.expectancy())});
        rows.add(new String[] {"average win / loss", PipelineResults.num(s.averageWin()) + " / " +
            PipelineResults.num(s.averageLoss())});
        rows.add(new String[] {"time in market", PipelineResults.pct((double)r.barsInMarket / bars.count())});
        final List<List<String>> trades = new ArrayList<>();
        for (int t = 0; t < Math.min(r.count, 1000); t++)
        {
            trades.add(List.of(Integer.toString(t + 1), bars.times()[r.entryBar[t]], r.exitBar[t] < 0 ? "open" :
                bars.times()[r.exitBar[t]], price(r.entryPrice[t]), r.exitBar[t] < 0 ? "" : price(r.exitPrice[t])));
        }
        return new HtmlReport.Data(title, bars.count() + " bars, " + bars.times()[0] + " to " +
            bars.times()[bars.count() - 1] + "; long only, all in, next bar's open, no fees", rows,
            List.of(new HtmlReport.Table("Trades" + (r.count > 1000 ? " (first 1000; all in trades.csv)" : ""),
            List.of("#", "entry", "exit", "entry price", "exit price"), trades, null)), charts);
    }

    /** Daily closes with each entry (buy) and exit (sell) on its day. */
    private static Map<String, Object> prices(final BarCsv.Bars bars, final SmaCrossover.Result r, final Daily daily,
        final double[] x)
    {
        final int n = daily.days().length;
        final Double[] buy = new Double[n];
        final Double[] sell = new Double[n];
        final List<Double> close = new ArrayList<>(n);
        for (int d = 0; d < n; d++)
        {
            close.add(bars.close()[daily.lastBar()[d]] / 1e8);
        }
        for (int t = 0; t < r.count; t++)
        {
            buy[dayOf(daily, r.entryBar[t])] = r.entryPrice[t] / 1e8;
            if (r.exitBar[t] >= 0)
            {
                sell[dayOf(daily, r.exitBar[t])] = r.exitPrice[t] / 1e8;
            }
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", "close");
        m.put("x", ReportCharts.list(java.util.Arrays.copyOfRange(x, 1, x.length)));
        m.put("mid", close);
        m.put("buy", java.util.Arrays.asList(buy));
        m.put("sell", java.util.Arrays.asList(sell));
        return m;
    }

    private static int dayOf(final Daily daily, final int bar)
    {
        final int at = java.util.Arrays.binarySearch(daily.lastBar(), bar);
        return at >= 0 ? at : -at - 1;
    }

    private static String price(final long value)
    {
        return BigDecimal.valueOf(value, BarCsv.SCALE).stripTrailingZeros().toPlainString();
    }
}
