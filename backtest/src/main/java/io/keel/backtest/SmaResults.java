package io.keel.backtest;

import io.keel.monitoring.PerformanceStats;
import io.keel.monitoring.report.HtmlReport;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code sma_crossover} reference strategy on a generic OHLCV CSV, end to end: read the bars, run the exact
 * fixed-point engine, and write the results folder ({@code summary.json}, {@code trades.csv}, {@code report.html}).
 * The one writer of the reference's results.
 */
public final class SmaResults
{
    /** What a run did: bars read, trades, final equity (8 decimals), and where the time went. */
    public record Outcome(int bars, int trades, long finalEquity, long loadNs, long engineNs)
    {
    }

    private final Path csv;
    private final int fast;
    private final int slow;
    private final int daysPerYear;
    private final Path out;

    /**
     * @param fast        fast SMA bars.
     * @param slow        slow SMA bars.
     * @param daysPerYear annualisation of the statistics.
     * @param out         the results folder (created).
     */
    public SmaResults(final Path csv, final int fast, final int slow, final int daysPerYear, final Path out)
    {
        this.csv = csv;
        this.fast = fast;
        this.slow = slow;
        this.daysPerYear = daysPerYear;
        this.out = out;
    }

    /** Runs the reference from {@code initial} cash (8 decimals) and writes the results folder. */
    public Outcome run(final long initial) throws IOException
    {
        final long start = System.nanoTime();
        final SmaCrossover strategy = new SmaCrossover(fast, slow);
        final BarCsv.Bars bars = BarCsv.read(csv);
        final long loadNs = System.nanoTime() - start;
        final SmaCrossover.Result result = SmaCrossover.resultFor(bars.count());
        final long engineStart = System.nanoTime();
        final long[] marked = new long[bars.count()];
        strategy.run(bars.open(), bars.close(), bars.count(), initial, result, marked);
        final long engineNs = System.nanoTime() - engineStart;
        final SmaReport.Daily daily = SmaReport.daily(bars, marked, initial);
        final PerformanceStats stats = statistics(bars, result, daily);
        Files.createDirectories(out);
        writeTrades(bars, result);
        writeSummary(bars, result, initial, engineNs, stats);
        HtmlReport.write(out.resolve("report.html"), SmaReport.data("sma_crossover(" + fast + "," + slow + ") on " +
            csv.getFileName(), bars, marked, result, stats, daily, daysPerYear));
        return new Outcome(bars.count(), result.count, result.finalEquity, loadNs, engineNs);
    }

    /** @return an 8-decimal amount as text. */
    public static String text(final long value)
    {
        return BigDecimal.valueOf(value, BarCsv.SCALE).toPlainString();
    }

    private void writeTrades(final BarCsv.Bars bars, final SmaCrossover.Result r) throws IOException
    {
        try (Writer w = Files.newBufferedWriter(out.resolve("trades.csv"), StandardCharsets.UTF_8))
        {
            w.write("trade,entry_bar,entry_time,entry_price,exit_bar,exit_time,exit_price,quantity,pnl\n");
            for (int t = 0; t < r.count; t++)
            {
                final boolean open = r.exitBar[t] < 0;
                final long exit = open ? bars.close()[bars.count() - 1] : r.exitPrice[t];
                final BigDecimal quantity = BigDecimal.valueOf(r.quantity[t], SmaCrossover.QUANTITY_SCALE);
                final BigDecimal pnl = quantity.multiply(BigDecimal.valueOf(exit - r.entryPrice[t], BarCsv.SCALE))
                    .setScale(BarCsv.SCALE, java.math.RoundingMode.FLOOR);
                w.write((t + 1) + "," + r.entryBar[t] + "," + bars.times()[r.entryBar[t]] + "," +
                    text(r.entryPrice[t]) + "," + (open ? "" : r.exitBar[t]) + "," +
                    (open ? "open" : bars.times()[r.exitBar[t]]) + "," + text(exit) + "," + quantity.toPlainString() +
                    "," + pnl.toPlainString() + "\n");
            }
        }
    }

    /** Daily marked-to-market equity (a day ends at its last bar). */
    private PerformanceStats statistics(final BarCsv.Bars bars, final SmaCrossover.Result r,
        final SmaReport.Daily daily)
    {
        final double[] pnl = new double[r.count];
        for (int t = 0; t < r.count; t++)
        {
            final long exit = r.exitBar[t] < 0 ? bars.close()[bars.count() - 1] : r.exitPrice[t];
            pnl[t] = (exit - r.entryPrice[t]) / 1e8 * (r.quantity[t] / 1e10);
        }
        return PerformanceStats.of(daily.equity(), pnl, daysPerYear);
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.10g", value) : "null";
    }

    private void writeSummary(final BarCsv.Bars bars, final SmaCrossover.Result r, final long initial,
        final long engineNs, final PerformanceStats s) throws IOException
    {
        final BigDecimal equity = BigDecimal.valueOf(r.finalEquity, BarCsv.SCALE);
        final BigDecimal initialCash = BigDecimal.valueOf(initial, BarCsv.SCALE);
        final String json = "{\n  \"mode\": \"sma_crossover\",\n  \"csv\": \"" + csv.toAbsolutePath().toString()
            .replace("\\", "\\\\").replace("\"", "\\\"") + "\",\n  \"fast\": " + fast + ",\n  \"slow\": " + slow +
            ",\n  \"bars\": " + bars.count() + ",\n  \"firstBar\": \"" + bars.times()[0] + "\",\n  \"lastBar\": \"" +
            bars.times()[bars.count() - 1] + "\",\n  \"initialCash\": " + initialCash.toPlainString() +
            ",\n  \"tradeCount\": " + r.count + ",\n  \"finalEquity\": " + equity.toPlainString() +
            ",\n  \"finalEquityCents\": " + equity.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() +
            ",\n  \"totalReturn\": " + equity.divide(initialCash, 12, java.math.RoundingMode.HALF_EVEN)
            .subtract(BigDecimal.ONE).toPlainString() + ",\n  \"timeInMarket\": " + String.format(Locale.ROOT,
            "%.6f", (double)r.barsInMarket / bars.count()) + ",\n  \"engineMillis\": " + String.format(Locale.ROOT,
            "%.3f", engineNs / 1e6) + ",\n  \"fills\": \"next bar open\",\n  \"fees\": 0,\n  \"statistics\": {" +
            "\"daysPerYear\": " + daysPerYear + ", \"days\": " + s.days() + ", \"cagr\": " + number(s.cagr()) +
            ", \"volatility\": " + number(s.volatility()) + ", \"sharpe\": " + number(s.sharpe()) +
            ", \"sortino\": " + number(s.sortino()) + ", \"calmar\": " + number(s.calmar()) +
            ", \"maxDrawdown\": " + number(s.maxDrawdown()) + ", \"maxDrawdownDays\": " + s.maxDrawdownDays() +
            ", \"winRate\": " + number(s.winRate()) + ", \"profitFactor\": " + number(s.profitFactor()) +
            ", \"expectancy\": " + number(s.expectancy()) + ", \"averageWin\": " + number(s.averageWin()) +
            ", \"averageLoss\": " + number(s.averageLoss()) + "}\n}\n";
        Files.writeString(out.resolve("summary.json"), json, StandardCharsets.UTF_8);
    }
}
