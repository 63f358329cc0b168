package io.keel.app.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sma_crossover reference against ta4j (DecimalNum, trade on the next open), trade by trade and to the cent on
 * the final equity: on the shared SPY daily bars (23 years), the shared SPY minute bars, and a small generic CSV of
 * our own with ties (equal averages are not a crossing).
 */
class SmaCrossoverTest
{
    private static final BigDecimal CASH = new BigDecimal("100000");

    /** A run's trades as "entryBar-exitBar" (exit "open" when still held) and its final equity. */
    private record Run(List<String> trades, BigDecimal finalEquity)
    {
    }

    private static Run keel(final Path csv, final Path out, final int fast, final int slow) throws IOException
    {
        final CliRunner.Result result = CliRunner.keel("backtest", "--mode", "sma_crossover", "--csv", csv.toString(),
            "--out", out.toString(), "--fast", Integer.toString(fast), "--slow", Integer.toString(slow));
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        final JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final List<String> trades = new ArrayList<>();
        final List<String> rows = Files.readAllLines(out.resolve("trades.csv"));
        for (final String row : rows.subList(1, rows.size()))
        {
            final String[] f = row.split(",", -1);
            trades.add(f[1] + "-" + (f[4].isEmpty() ? "open" : f[4]));
        }
        assertEquals(trades.size(), summary.path("tradeCount").asInt());
        return new Run(trades, new BigDecimal(summary.path("finalEquity").asText()));
    }

    /** ta4j on the same CSV: the same rules, and the all-in compounding of its entry and exit prices. */
    private static Run ta4j(final Path csv, final int fast, final int slow) throws IOException
    {
        final BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        final List<String> rows = Files.readAllLines(csv);
        for (int i = 1; i < rows.size(); i++)
        {
            final String[] f = rows.get(i).split(",");
            series.addBar(LocalDate.of(2000, 1, 1).atStartOfDay(ZoneOffset.UTC).plusMinutes(i),
                DecimalNum.valueOf(f[1]), DecimalNum.valueOf(f[2]), DecimalNum.valueOf(f[3]), DecimalNum.valueOf(f[4]),
                DecimalNum.valueOf(f[5]));
        }
        final ClosePriceIndicator close = new ClosePriceIndicator(series);
        final SMAIndicator fastSma = new SMAIndicator(close, fast);
        final SMAIndicator slowSma = new SMAIndicator(close, slow);
        final TradingRecord record = new BarSeriesManager(series, new TradeOnNextOpenModel()).run(new BaseStrategy(
            new CrossedUpIndicatorRule(fastSma, slowSma), new CrossedDownIndicatorRule(fastSma, slowSma), slow));
        final List<String> trades = new ArrayList<>();
        final MathContext precision = MathContext.DECIMAL128;
        BigDecimal cash = CASH;
        for (final Position p : record.getPositions())
        {
            trades.add(p.getEntry().getIndex() + "-" + p.getExit().getIndex());
            cash = cash.divide(p.getEntry().getPricePerAsset().bigDecimalValue(), precision)
                .multiply(p.getExit().getPricePerAsset().bigDecimalValue(), precision);
        }
        if (record.getCurrentPosition().isOpened())
        {
            trades.add(record.getCurrentPosition().getEntry().getIndex() + "-open");
            cash = cash.divide(record.getCurrentPosition().getEntry().getPricePerAsset().bigDecimalValue(), precision)
                .multiply(series.getLastBar().getClosePrice().bigDecimalValue(), precision);
        }
        return new Run(trades, cash);
    }

    private static void agree(final Path csv, final Path out, final int fast, final int slow, final int minTrades)
        throws IOException
    {
        final Run ours = keel(csv, out, fast, slow);
        final Run theirs = ta4j(csv, fast, slow);
        assertEquals(theirs.trades(), ours.trades(), "the same entry and exit bars as ta4j");
        assertTrue(ours.trades().size() >= minTrades, "trades: " + ours.trades().size());
        assertTrue(ours.finalEquity().subtract(theirs.finalEquity()).abs().compareTo(new BigDecimal("0.01")) < 0,
            "final equity to the cent: ours " + ours.finalEquity() + ", ta4j " + theirs.finalEquity());
    }

    @Test
    void shouldTradeAsTa4jOnSharedSpyDailyBars(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("spy-daily.csv");
        final StringBuilder out = new StringBuilder("datetime,open,high,low,close,volume\n");
        for (final String line : Files.readAllLines(SharedData.require("lean-equity-usa/daily/spy.csv")))
        {
            final String[] f = line.split(",");
            out.append(f[0], 0, 4).append('-').append(f[0], 4, 6).append('-').append(f[0], 6, 8);
            for (int i = 1; i <= 4; i++)
            {
                out.append(',').append(new BigDecimal(f[i]).movePointLeft(4).toPlainString());
            }
            out.append(',').append(f[5]).append('\n');
        }
        Files.writeString(csv, out);
        agree(csv, dir.resolve("daily"), 50, 200, 10);
        final JsonNode stats = new ObjectMapper().readTree(dir.resolve("daily/summary.json").toFile())
            .path("statistics");
        assertEquals(Files.readAllLines(csv).size() - 1, stats.path("days").asInt(), "one return per daily bar");
        assertTrue(stats.path("maxDrawdown").asDouble() > 0.3 && stats.path("maxDrawdown").asDouble() < 0.6,
            "SPY long-only 50/200 still lived through 2008: " + stats);
        assertTrue(stats.path("sharpe").isNumber() && stats.path("winRate").isNumber(), stats.toString());
        agree(csv, dir.resolve("daily-fast"), 10, 30, 100);
    }

    @Test
    void shouldTradeAsTa4jOnSharedSpyMinuteBars(@TempDir final Path dir) throws IOException
    {
        final Path folder = SharedData.require("lean-equity-usa/minute/spy");
        final StringBuilder out = new StringBuilder("datetime,open,high,low,close,volume\n");
        try (java.util.stream.Stream<Path> files = Files.list(folder))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith("_trade.csv")).sorted().toList())
            {
                final String day = file.getFileName().toString().substring(0, 8);
                for (final String line : Files.readAllLines(file))
                {
                    final String[] f = line.split(",");
                    final long ms = Long.parseLong(f[0]);
                    out.append(String.format("%s-%s-%sT%02d:%02d:00", day.substring(0, 4), day.substring(4, 6),
                        day.substring(6), ms / 3_600_000, ms / 60_000 % 60));
                    for (int i = 1; i <= 4; i++)
                    {
                        out.append(',').append(new BigDecimal(f[i]).movePointLeft(4).toPlainString());
                    }
                    out.append(',').append(f[5]).append('\n');
                }
            }
        }
        final Path csv = dir.resolve("spy-minute.csv");
        Files.writeString(csv, out);
        agree(csv, dir.resolve("minute"), 5, 20, 100);
    }

    @Test
    void shouldNotTakeATieForACrossingOnAGenericCsv(@TempDir final Path dir) throws Exception
    {
        final Path csv = Path.of(SmaCrossoverTest.class.getResource("/backtest/ties.csv").toURI());
        // fast = close, slow = mean of two closes: equal on every unchanged close. Worked by hand:
        // bar 3 crosses up through the tie of bar 2 (bar 1 was below) -> buy at bar 4's open 11;
        // bar 5 crosses down -> sell at bar 6's open 10.5; bars 6 and 7 are ties and bar 8 is below again, which
        // is no crossing (bar 5 was below too); bar 9 crosses up -> buy at bar 10's open 10; held at the end.
        final Run ours = keel(csv, dir.resolve("ties"), 1, 2);
        assertEquals(List.of("4-6", "10-open"), ours.trades());
        assertEquals(0, new BigDecimal("100000").divide(new BigDecimal("11"), 10, java.math.RoundingMode.FLOOR)
            .multiply(new BigDecimal("10.5")).divide(BigDecimal.TEN, 10, java.math.RoundingMode.FLOOR)
            .multiply(new BigDecimal("10.5")).setScale(2, java.math.RoundingMode.DOWN)
            .compareTo(ours.finalEquity().setScale(2, java.math.RoundingMode.DOWN)), "equity " + ours.finalEquity());
        agree(csv, dir.resolve("ties-ta4j"), 1, 2, 2);
    }
}
