package io.keel.app;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real LEAN files, imported, with the anomalies MANIFEST.md lists for them. */
class ImportLeanTest
{
    private static CliRunner.Result importLean(final String format, final String mode, final Path out,
        final String... inputsAndOptions)
    {
        final List<String> args = new ArrayList<>(List.of("import", "--format", format, "--mode", mode, "--out",
            out.toString()));
        final List<String> options = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        for (int i = 0; i < inputsAndOptions.length; i++)
        {
            if (inputsAndOptions[i].startsWith("--"))
            {
                options.add(inputsAndOptions[i]);
                options.add(inputsAndOptions[++i]);
            }
            else
            {
                inputs.add(SharedData.require(inputsAndOptions[i]).toString());
            }
        }
        args.addAll(options);
        args.add("--input");
        args.addAll(inputs);
        if (format.equals("lean-crypto"))
        {
            args.addAll(List.of("--symbol", "BTCUSDT"));
        }
        final CliRunner.Result result = CliRunner.keel(args.toArray(new String[0]));
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        return result;
    }

    private static long count(final String report, final String anomaly)
    {
        final Matcher m = Pattern.compile(Pattern.quote(anomaly) + "\\s+([\\d,]+)").matcher(report);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    private static List<Event> flags(final Path journal)
    {
        final List<Event> flags = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type == EventType.QUALITY_FLAG)
                {
                    flags.add(new Event().copyFrom(event));
                }
            }
            reader.requireCleanEnd();
        }
        return flags;
    }

    @Test
    void shouldCatchTheStubBidAndThePreSplitPrintOnAaplSplitDay(@TempDir final Path dir)
    {
        final String report = importLean("lean-equity", "stocks_intraday", dir,
            "lean-equity-usa/minute/aapl/20140609_aapl_minute_trade.csv",
            "lean-equity-usa/minute/aapl/20140609_aapl_minute_quote.csv").out();
        final List<Event> flags = flags(dir.resolve("20140609"));
        assertTrue(flags.stream().anyMatch(f -> f.qualityCode == QualityCode.STUB_QUOTE && f.value == 1_0000),
            "the $1.00 stub bid: " + report);
        assertTrue(flags.stream().anyMatch(f -> f.qualityCode == QualityCode.BAD_PRINT && f.value == 645_5700),
            "the 645.57 pre-split open: " + report);

        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", dir.resolve("20140609").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        final Matcher events = Pattern.compile("events=(\\d+)").matcher(replay.out());
        assertTrue(events.find() && Long.parseLong(events.group(1)) >= 1690, replay.all());
    }

    @Test
    void shouldCountElevenToTwentyThreeCrossedOrLockedSpyQuoteClosesADay(@TempDir final Path dir)
    {
        for (final String day : List.of("20131004", "20131007", "20131008", "20131009", "20131010", "20131011"))
        {
            final String file = day + "_spy_minute_quote.csv";
            final String report = importLean("lean-equity", "stocks_intraday", dir.resolve(day),
                "lean-equity-usa/minute/spy/" + file).out();
            final long crossed = count(report, file + ": quote bars closing crossed or locked");
            assertTrue(crossed >= 11 && crossed <= 23, day + ": " + crossed + "\n" + report);
        }
    }

    @Test
    void shouldImportTheSpyTickDayWithItsRepeatedTimestamps(@TempDir final Path dir)
    {
        final String report = importLean("lean-equity", "stocks_intraday", dir,
            "lean-equity-usa/tick/spy/20131008_spy_Trade_Tick.csv").out();
        assertTrue(report.contains("rows read: 451,545"), report);
        assertEquals(242_738, count(report, "20131008_spy_Trade_Tick.csv: ticks repeating the previous timestamp " +
            "(not duplicates)"), report);
        assertEquals(451_545, count(report, "TRADE") + count(report, "quality gate: BAD_PRINT"), report);
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", dir.resolve("20131008").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        assertTrue(replay.out().contains("events=" + count(report, "events written:")), replay.all());
    }

    @Test
    void shouldFlagTheCoinbaseBadPrintAndTheHistoryGapsButNotTheRally(@TempDir final Path dir)
    {
        final String report = importLean("lean-crypto", "crypto_scalp", dir,
            "lean-crypto/crypto/coinbase/daily/btcusd_trade.csv").out();
        final List<Event> flags = flags(dir.resolve("history-20141202"));
        assertTrue(flags.stream().anyMatch(f -> f.qualityCode == QualityCode.BAD_PRINT && f.value == 6),
            "2017-04-15 low of 0.06: " + report);
        assertTrue(flags.size() <= 3, "the 2017 rally is not a bad print: " + report);
        assertTrue(count(report, "btcusd_trade.csv: gaps in daily history (days missing)") > 0, report);
    }

    @Test
    void shouldFlagTheTruncatedCoinbaseTradeFileButNotItsQuotes(@TempDir final Path dir)
    {
        final String trades = importLean("lean-crypto", "crypto_scalp", dir.resolve("t"),
            "lean-crypto/crypto/coinbase/minute/ethusd/20180404_ethusd_minute_trade.csv").out();
        final String quotes = importLean("lean-crypto", "crypto_scalp", dir.resolve("q"),
            "lean-crypto/crypto/coinbase/minute/ethusd/20180404_ethusd_minute_quote.csv").out();
        assertEquals(1, count(trades, "20180404_ethusd_minute_trade.csv: session data stops early (truncated)"),
            trades);
        assertTrue(trades.contains("data ends at 16:5"), trades);
        assertFalse(quotes.contains("truncated"), quotes);
        assertTrue(flags(dir.resolve("t").resolve("20180404")).stream()
            .anyMatch(f -> f.qualityCode == QualityCode.TRUNCATED_SESSION));
    }

    @Test
    void shouldEmitTheAaplSplitsInRawModeAndAdjustThemAwayOtherwise(@TempDir final Path dir)
    {
        final String raw = importLean("lean-equity", "stocks_intraday", dir.resolve("raw"),
            "lean-equity-usa/daily/aapl.csv", "--prices", "raw").out();
        assertTrue(raw.contains("CORPORATE_ACTION   4"), raw);
        final CliRunner.Result splits = CliRunner.keel("dump", "--journal",
            dir.resolve("raw").resolve("history-19980102").toString(), "--type", "CORPORATE_ACTION");
        assertTrue(splits.out().contains("2014-06-09T13:30:00Z CORPORATE_ACTION"), splits.all());
        assertTrue(splits.out().contains("qty=1, level=0"), splits.all());
        assertTrue(splits.out().contains("value=7,"), splits.all());

        final String adjusted = importLean("lean-equity", "stocks_intraday", dir.resolve("adjusted"),
            "lean-equity-usa/daily/aapl.csv").out();
        assertFalse(adjusted.contains("CORPORATE_ACTION"), adjusted);
        assertTrue(adjusted.contains("split- and dividend-adjusted prices"), adjusted);
        // a 7:1 jump in adjusted prices would be flagged; only the vendor's three wild lows (2009-2011) are
        assertTrue(count(adjusted, "quality gate: BAD_PRINT") <= 3, adjusted);

        final CliRunner.Result replay = CliRunner.keel("replay", "--journal",
            dir.resolve("raw").resolve("history-19980102").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
    }

    @Test
    void shouldFindAigsReverseSplitAndQqqsTickerHistory(@TempDir final Path dir)
    {
        importLean("lean-equity", "stocks_intraday", dir.resolve("aig"), "lean-equity-usa/daily/aig.csv",
            "--prices", "raw", "--symbol", "AAPL");
        final CliRunner.Result splits = CliRunner.keel("dump", "--journal",
            dir.resolve("aig").resolve("history-19980102").toString(), "--type", "CORPORATE_ACTION");
        assertTrue(splits.out().contains("2009-07-01T13:30:00Z CORPORATE_ACTION"), splits.all());
        assertTrue(splits.out().lines().anyMatch(l -> l.startsWith("2009-07-01") && l.contains("qty=20,") &&
            l.contains("value=1,")), splits.all());

        final String qqq = importLean("lean-equity", "stocks_intraday", dir.resolve("qqq"),
            "lean-equity-usa/daily/qqq.csv", "--symbol", "SPY").out();
        assertTrue(qqq.contains("ticker history QQQ until 19990310, QQQ until 20041130, QQQQ until 20110322"), qqq);
        assertTrue(count(qqq, "qqq.csv: trading days without a bar") > 1_500, "the QQQQ-era hole: " + qqq);
    }

    @Test
    void shouldImportPerpetualFundingRatesAndBars(@TempDir final Path dir)
    {
        final String funding = importLean("lean-crypto", "crypto_scalp", dir.resolve("f"),
            "lean-crypto/cryptofuture/bybit/margin_interest/btcusdt.csv").out();
        assertTrue(count(funding, "FUNDING_RATE") > 0, funding);
        final CliRunner.Result rates = CliRunner.keel("dump", "--journal",
            dir.resolve("f").resolve("history-20221213").toString(), "--type", "FUNDING_RATE", "--limit", "1");
        assertTrue(rates.out().contains("2022-12-13T00:00:00Z FUNDING_RATE") &&
            rates.out().contains("value=-201600,"), rates.all());
        final String bars = importLean("lean-crypto", "crypto_scalp", dir.resolve("b"),
            "lean-crypto/cryptofuture/bybit/minute/btcusdt/20221213_btcusdt_minute_trade_perp.csv").out();
        assertTrue(count(bars, "BAR") > 100, bars);
        assertTrue(bars.contains("session data stops early (truncated)"), "MANIFEST: Bybit files stop at 12:00");
    }

    @Test
    void shouldImportTheLobsterSampleReproducingItsBookAndReplayIt(@TempDir final Path dir)
    {
        final Path messages = SharedData.require(
            "lobster-aapl-2012-06-21/AAPL_2012-06-21_34200000_57600000_message_10.csv");
        final CliRunner.Result imported = CliRunner.keel("import", "--format", "lobster", "--mode",
            "stocks_intraday", "--input", messages.toString(), "--out", dir.toString());
        assertEquals(ExitCode.OK, imported.exitCode(), imported.all());
        final String report = imported.out();
        assertFalse(report.contains("book rows the messages do not reproduce"), report);
        assertEquals(10, count(report, "messages about orders from before the window (applied by their own price " +
            "and size)"), report);
        assertEquals(98 + 61, count(report, "TRADE"), "visible and hidden executions: " + report);
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", dir.resolve("20120621").toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
    }

    @Test
    void shouldImportDailyQuoteBarsAsQuotes(@TempDir final Path dir)
    {
        final String report = importLean("lean-crypto", "crypto_scalp", dir,
            "lean-crypto/crypto/coinbase/daily/btcusd_quote.csv").out();
        assertTrue(count(report, "QUOTE") > 1000, report);
        assertEquals(0, count(report, "BAR"), report);
        final CliRunner.Result first = CliRunner.keel("dump", "--journal",
            dir.resolve("history-20150428").toString(), "--type", "QUOTE", "--limit", "1");
        assertTrue(first.out().contains("bid=21958x") && first.out().contains("ask=21960x"), first.all());
    }
}
