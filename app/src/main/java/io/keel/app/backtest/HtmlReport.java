package io.keel.app.backtest;

import io.keel.monitoring.PerformanceStats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code report.html} of a CSV backtest, self-contained: uPlot (vendored, MIT) and the data are inlined, so it opens
 * offline and needs no network at view time. Charts: equity against buy-and-hold, the underwater curve, daily
 * returns; then the statistics and the trades. At most {@link #POINTS} points per chart (evenly sampled bars).
 */
final class HtmlReport
{
    /** Points per chart. */
    static final int POINTS = 2_000;
    private static final String PANEL = "/io/keel/monitoring/panel/";

    private HtmlReport()
    {
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = HtmlReport.class.getResourceAsStream(PANEL + name))
        {
            if (in == null)
            {
                throw new IOException("missing packaged resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    static void write(final Path file, final String title, final BarCsv.Bars bars, final long[] marked,
        final SmaCrossover.Result r, final PerformanceStats s) throws IOException
    {
        final int n = bars.count();
        final int step = Math.max(1, n / POINTS);
        final StringBuilder x = new StringBuilder();
        final StringBuilder equity = new StringBuilder();
        final StringBuilder hold = new StringBuilder();
        final StringBuilder underwater = new StringBuilder();
        final double start = marked[0] / 1e8;
        final double firstClose = bars.close()[0];
        double peak = 0;
        for (int i = 0; i < n; i++)
        {
            final double e = marked[i] / 1e8;
            peak = Math.max(peak, e);
            if (i % step == 0 || i == n - 1)
            {
                final String sep = x.length() == 0 ? "" : ",";
                x.append(sep).append(i);
                equity.append(sep).append(number(e));
                hold.append(sep).append(number(start * bars.close()[i] / firstClose));
                underwater.append(sep).append(number(e / peak - 1));
            }
        }
        final StringBuilder trades = new StringBuilder();
        for (int t = 0; t < r.count; t++)
        {
            trades.append("<tr><td>").append(t + 1).append("</td><td>").append(escape(bars.times()[r.entryBar[t]]))
                .append("</td><td>").append(r.exitBar[t] < 0 ? "open" : escape(bars.times()[r.exitBar[t]]))
                .append("</td><td>").append(java.math.BigDecimal.valueOf(r.entryPrice[t], BarCsv.SCALE)
                .stripTrailingZeros().toPlainString()).append("</td><td>").append(r.exitBar[t] < 0 ? "" :
                java.math.BigDecimal.valueOf(r.exitPrice[t], BarCsv.SCALE).stripTrailingZeros().toPlainString())
                .append("</td></tr>\n");
            if (t >= 999)
            {
                trades.append("<tr><td colspan=5>… ").append(r.count - 1000).append(" more in trades.csv</td></tr>");
                break;
            }
        }
        final String stats = "<tr><td>total return</td><td>" + pct(equityReturn(marked, n)) + "</td></tr>" +
            row("CAGR", pct(s.cagr())) + row("volatility", pct(s.volatility())) + row("Sharpe", num(s.sharpe())) +
            row("Sortino", num(s.sortino())) + row("Calmar", num(s.calmar())) + row("max drawdown",
            pct(s.maxDrawdown()) + " over " + s.maxDrawdownDays() + " days") + row("trades", Integer.toString(
            r.count)) + row("win rate", pct(s.winRate())) + row("profit factor", num(s.profitFactor())) +
            row("expectancy", num(s.expectancy())) + row("average win / loss", num(s.averageWin()) + " / " +
            num(s.averageLoss()));
        final String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
            escape(title) + "</title>\n<style>" + resource("uplot-1.6.32.min.css") + "\nbody{font:13px system-ui," +
            "sans-serif;margin:16px;background:#fff;color:#111}table{border-collapse:collapse}td,th{padding:2px 8px;" +
            "text-align:right}td:first-child{text-align:left}h2{font-size:15px}</style></head><body>\n<h1>" +
            escape(title) + "</h1>\n<h2>Equity against buy-and-hold</h2><div id=\"equity\"></div>\n" +
            "<h2>Underwater (drawdown from the running peak)</h2><div id=\"underwater\"></div>\n" +
            "<h2>Statistics</h2><table>" + stats + "</table>\n<h2>Trades</h2><table><tr><th>#</th><th>entry</th>" +
            "<th>exit</th><th>entry price</th><th>exit price</th></tr>\n" + trades + "</table>\n<script>" +
            resource("uplot-1.6.32.iife.min.js") + "</script>\n<script>\nconst x=[" + x + "];\n" +
            "const opts=(label,color)=>({width:900,height:260,scales:{x:{time:false}},series:[{label:'bar'}," +
            "{label:label,stroke:color,width:1.5}]});\n" +
            "const eq=new uPlot({width:900,height:300,scales:{x:{time:false}},axes:[{},{size:90}]," +
            "series:[{label:'bar'}," +
            "{label:'strategy',stroke:'#1f6feb',width:1.5},{label:'buy and hold',stroke:'#999',width:1}]}," +
            "[x,[" + equity + "],[" + hold + "]],document.getElementById('equity'));\n" +
            "const uw=new uPlot(opts('drawdown','#c62828'),[x,[" +
            underwater + "]],document.getElementById('underwater'));\ndocument.body.dataset.charts='2';\n</script>" +
            "</body></html>\n";
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static double equityReturn(final long[] marked, final int n)
    {
        return (double)marked[n - 1] / marked[0] - 1;
    }

    private static String row(final String name, final String value)
    {
        return "<tr><td>" + name + "</td><td>" + value + "</td></tr>";
    }

    private static String pct(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", v * 100) : "n/a";
    }

    private static String num(final double v)
    {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
