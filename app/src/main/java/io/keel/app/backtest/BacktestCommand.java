package io.keel.app.backtest;

import io.keel.app.ExitCode;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backtest --mode sma_crossover --csv FILE --out DIR}: the reference strategy on a generic OHLCV CSV, in one
 * command, writing {@code summary.json} (with {@code tradeCount} and {@code finalEquity}, so anyone can compare it
 * with another engine) and {@code trades.csv}. Other modes replay journals through the pipeline ({@code replay}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest the sma_crossover reference strategy on a generic CSV (datetime,open,high,low,close," +
        "volume): long only, all in, next bar's open, no fees. Writes summary.json, trades.csv and report.html.")
public final class BacktestCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", required = true, description = "sma_crossover (journaled modes: use replay).")
    String mode;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Bars: datetime,open,high,low," +
        "close,volume, one per row, in time order (a header row is skipped).")
    Path csv;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results folder (created).")
    Path out;

    @Option(names = "--fast", defaultValue = "10", description = "Fast SMA bars (default: ${DEFAULT-VALUE}).")
    int fast;

    @Option(names = "--slow", defaultValue = "30", description = "Slow SMA bars (default: ${DEFAULT-VALUE}).")
    int slow;

    @Option(names = "--cash", defaultValue = "100000", description = "Initial cash (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @Option(names = "--days-per-year", defaultValue = "252", description = "Annualisation: 252 for stocks, 365 " +
        "for crypto (default: ${DEFAULT-VALUE}).")
    int daysPerYear;

    @Override
    public Integer call() throws IOException
    {
        if (!"sma_crossover".equals(mode))
        {
            throw new IllegalArgumentException("backtest --mode " + mode + ": only sma_crossover runs on a CSV in " +
                "this build; replay a journal of a mode with `keel replay`");
        }
        if (cash.signum() <= 0 || cash.scale() > BarCsv.SCALE || cash.compareTo(new BigDecimal("10000000000")) > 0)
        {
            throw new IllegalArgumentException("--cash must be positive, at most 1e10, with at most " + BarCsv.SCALE +
                " decimals");
        }
        final long start = System.nanoTime();
        final SmaCrossover strategy = new SmaCrossover(fast, slow);
        final BarCsv.Bars bars = BarCsv.read(csv);
        final long loadNs = System.nanoTime() - start;
        final SmaCrossover.Result result = SmaCrossover.resultFor(bars.count());
        final long initial = cash.movePointRight(BarCsv.SCALE).longValueExact();
        final long engineStart = System.nanoTime();
        final long[] marked = new long[bars.count()];
        strategy.run(bars.open(), bars.close(), bars.count(), initial, result, marked);
        final long engineNs = System.nanoTime() - engineStart;
        final io.keel.monitoring.PerformanceStats stats = statistics(bars, result, marked, initial);
        Files.createDirectories(out);
        writeTrades(bars, result);
        writeSummary(bars, result, initial, engineNs, stats);
        HtmlReport.write(out.resolve("report.html"), "sma_crossover(" + fast + "," + slow + ") on " +
            csv.getFileName(), bars, marked, result, stats);
        final PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "sma_crossover(%d,%d) on %,d bars of %s: %d trades, final equity %s " +
            "(from %s); load %.1f ms, engine %.1f ms, total %.1f ms; results in %s%n", fast, slow, bars.count(),
            csv.getFileName(), result.count, text(result.finalEquity), text(initial), loadNs / 1e6, engineNs / 1e6,
            (System.nanoTime() - start) / 1e6, out);
        return ExitCode.OK;
    }

    private static String text(final long value)
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

    /** Daily marked-to-market equity (a day ends at its last bar; the date is the datetime's first ten characters). */
    private io.keel.monitoring.PerformanceStats statistics(final BarCsv.Bars bars, final SmaCrossover.Result r,
        final long[] marked, final long initial)
    {
        final java.util.List<Double> daily = new java.util.ArrayList<>();
        daily.add(initial / 1e8);
        final String[] times = bars.times();
        for (int i = 0; i < bars.count(); i++)
        {
            final boolean dayEnds = i == bars.count() - 1 || !times[i + 1].regionMatches(0, times[i], 0, 10);
            if (dayEnds)
            {
                daily.add(marked[i] / 1e8);
            }
        }
        final double[] pnl = new double[r.count];
        for (int t = 0; t < r.count; t++)
        {
            final long exit = r.exitBar[t] < 0 ? bars.close()[bars.count() - 1] : r.exitPrice[t];
            pnl[t] = (exit - r.entryPrice[t]) / 1e8 * (r.quantity[t] / 1e10);
        }
        return io.keel.monitoring.PerformanceStats.of(daily.stream().mapToDouble(Double::doubleValue).toArray(), pnl,
            daysPerYear);
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.10g", value) : "null";
    }

    private void writeSummary(final BarCsv.Bars bars, final SmaCrossover.Result r, final long initial,
        final long engineNs, final io.keel.monitoring.PerformanceStats s) throws IOException
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
