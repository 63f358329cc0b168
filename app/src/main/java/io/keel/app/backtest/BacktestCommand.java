package io.keel.app.backtest;

import io.keel.backtest.BarCsv;
import io.keel.backtest.DayRange;
import io.keel.backtest.PipelineBacktest;
import io.keel.backtest.PipelineResults;
import io.keel.backtest.SmaResults;
import io.keel.app.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backtest}: a mode profile over journaled days through the pipeline ({@code --mode M --data DIR
 * [--days RANGE]}), or the {@code sma_crossover} reference on a generic OHLCV CSV ({@code --csv FILE}). Either
 * writes a results folder: {@code summary.json} (with {@code tradeCount} and {@code finalEquity}, so anyone can
 * compare it with another engine), {@code trades.csv} and a self-contained {@code report.html}; the pipeline also
 * {@code orders.csv} and {@code decisions.jsonl}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Backtest a mode profile on journaled days (--data DIR or --journal DIR, --days RANGE) through " +
        "the pipeline with the simulated exchange, or the sma_crossover reference on a CSV (--csv FILE).",
        "Writes summary.json, trades.csv, orders.csv, decisions.jsonl and report.html into --out."})
public final class BacktestCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--mode", required = true, description = "A mode profile (crypto_scalp, crypto_swing, " +
        "stocks_intraday, stocks_swing, any config/modes/*.yaml), or sma_crossover with --csv.")
    String mode;

    @Option(names = "--csv", paramLabel = "FILE", description = "sma_crossover only. Bars: datetime,open,high,low," +
        "close,volume, one per row, in time order (a header row is skipped).")
    Path csv;

    @CommandLine.Mixin
    JournaledDays source = new JournaledDays();

    @Option(names = "--days-independent", description = "Replay each journal on its own chain, in parallel: each " +
        "starts flat from the initial cash and what is open at its end is marked there. The default when the profile " +
        "is flat before every close (execution.flatBeforeCloseMs on an all-NYSE book).")
    boolean independentOption;

    @Option(names = "--days-sequential", description = "One chain through all journals, positions and features " +
        "carrying over. The default unless the profile is flat before every close.")
    boolean sequentialOption;

    private boolean independent;

    /** Where a pipeline backtest's fills come from. */
    enum Fills
    {
        /** The simulated exchange fills the chain's orders in event time (a backtest). */
        SIMULATED,
        /** The journal's own execution reports: the run as it happened (paper or live), re-scored. */
        RECORDED
    }

    @Option(names = "--fills", paramLabel = "simulated|recorded", defaultValue = "simulated",
        converter = FillsConverter.class, description = "simulated (default): the simulated exchange fills the " +
        "orders; recorded: the journal's own execution reports, so the results folder shows the run as it happened " +
        "(compare it with a simulated backtest of the same journal).")
    Fills fills;

    /** Parses {@code --fills} case-insensitively. */
    static final class FillsConverter implements CommandLine.ITypeConverter<Fills>
    {
        @Override
        public Fills convert(final String value)
        {
            for (final Fills f : Fills.values())
            {
                if (f.name().equalsIgnoreCase(value))
                {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("--fills: '" + value + "' is neither simulated nor " +
                "recorded");
        }
    }

    @Option(names = "--threads", paramLabel = "N", description = "Days replayed at once with --days-independent " +
        "(default: the machine's cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (created; must be empty if it " +
        "exists). Default for a mode profile: journal.dir/backtest-<mode>-<UTC time>, where the control panel lists " +
        "runs; sma_crossover needs it.")
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
        if (out != null)
        {
            requireEmpty(out);
        }
        if (!"sma_crossover".equals(mode))
        {
            if (csv != null)
            {
                throw new IllegalArgumentException("backtest --mode " + mode + " --csv: only sma_crossover runs on a " +
                    "CSV; import the bars first (keel import --format csv) and pass --data");
            }
            if (source.data == null)
            {
                throw new IllegalArgumentException("backtest --mode " + mode + " needs --data DIR (or --journal " +
                    "DIR): the journaled or imported days to replay");
            }
            return pipeline();
        }
        if (csv == null || out == null)
        {
            throw new IllegalArgumentException("backtest --mode sma_crossover needs --csv FILE and --out DIR");
        }
        final long start = System.nanoTime();
        final long initial = initialCash(cash);
        final SmaResults.Outcome o = new SmaResults(csv, fast, slow, daysPerYear, out).run(initial);
        final PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "sma_crossover(%d,%d) on %,d bars of %s: %d trades, final equity %s " +
            "(from %s); load %.1f ms, engine %.1f ms, total %.1f ms; results in %s%n", fast, slow, o.bars(),
            csv.getFileName(), o.trades(), SmaResults.text(o.finalEquity()), SmaResults.text(initial),
            o.loadNs() / 1e6, o.engineNs() / 1e6, (System.nanoTime() - start) / 1e6, out);
        return ExitCode.OK;
    }

    private int pipeline() throws IOException
    {
        final DayRange range = source.range();
        final io.keel.config.LoadedConfig loaded = source.load(mode);
        final java.util.List<Path> journals = source.journals();
        if (independentOption && sequentialOption)
        {
            throw new IllegalArgumentException("--days-independent and --days-sequential: choose one");
        }
        final boolean flatEachDay = PipelineBacktest.flatBeforeEveryClose(loaded);
        independent = independentOption || !sequentialOption && flatEachDay;
        if (out == null)
        {
            out = Path.of(loaded.config().journal().dir(), "backtest-" + loaded.mode() + "-" +
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.ZonedDateTime.now(
                java.time.ZoneOffset.UTC)));
            requireEmpty(out);
        }
        final int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (cores < 1)
        {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        final Path parts = Files.createDirectories(out.resolve(".parts"));
        final PrintWriter err = spec.commandLine().getErr();
        final java.util.function.ObjDoubleConsumer<String> bar = io.keel.app.TerminalProgress.bar(err);
        final boolean terminal = bar != null;
        final java.util.function.ObjDoubleConsumer<String> progress = terminal ? bar : PipelineBacktest::quiet;
        final long start = System.nanoTime();
        final PipelineBacktest backtest = new PipelineBacktest(loaded, range, source.allowUnclosed, parts, progress,
            fills == Fills.RECORDED);
        final java.util.List<PipelineBacktest.Segment> segments = independent ? backtest.independent(journals, cores) :
            backtest.sequential(journals);
        final long engineNs = System.nanoTime() - start;
        if (terminal)
        {
            err.println();
        }
        final long read = segments.stream().mapToLong(PipelineBacktest.Segment::eventsRead).sum();
        if (read == 0)
        {
            throw new IllegalArgumentException("--days " + source.days + ": no journaled event of " + source.data +
                " falls on those days");
        }
        final PipelineResults results = new PipelineResults(loaded, segments);
        final java.util.Map<String, Object> run = new java.util.LinkedHashMap<>();
        final String how = independent ? "each journal on its own (flat at its start, " + (flatEachDay ?
            "flat before each close" : "marked at its end") + "), " + Math.min(cores, journals.size()) + " at a time" :
            "sequentially, one chain" + (flatEachDay ? " (flat before each close)" : ", positions carrying over");
        run.put("mode", loaded.mode());
        run.put("configSha256", loaded.sha256());
        run.put("data", source.data.toAbsolutePath().toString());
        run.put("journals", journals.stream().map(p -> p.getFileName().toString()).toList());
        run.put("days", range.toString());
        run.put("daysIndependent", independent);
        run.put("flatBeforeEveryClose", flatEachDay);
        run.put("daysPerYear", results.daysPerYear());
        run.put("description", loaded.mode() + " on " + journals.size() + " journal(s) of " +
            source.data.getFileName() + ", days " + range + ", " + how + "; " + read + " events; simulated exchange, " +
            "fees " + loaded.config().execution().makerFeeBps() + "/" + loaded.config().execution().takerFeeBps() +
            " bps maker/taker");
        results.write(out, run, engineNs);
        spec.commandLine().getOut().printf(Locale.ROOT, "backtest %s: %d journal(s), %d events, %d trades, final " +
            "equity %s (from %s); engine %.1f s; results in %s%n", loaded.mode(), journals.size(), read,
            results.tradeCount(), PipelineResults.money(results.finalEquity()), PipelineResults.money(
            loaded.money().initialCash()), engineNs / 1e9, out);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    /** @return --cash in 8-decimal units, refused unless positive, at most 1e10 and with at most 8 decimals. */
    static long initialCash(final BigDecimal cash)
    {
        if (cash.signum() <= 0 || cash.scale() > BarCsv.SCALE || cash.compareTo(new BigDecimal("10000000000")) > 0)
        {
            throw new IllegalArgumentException("--cash must be positive, at most 1e10, with at most " + BarCsv.SCALE +
                " decimals");
        }
        return cash.movePointRight(BarCsv.SCALE).longValueExact();
    }

    static void requireEmpty(final Path dir) throws IOException
    {
        if (Files.isDirectory(dir))
        {
            try (java.util.stream.Stream<Path> files = Files.list(dir))
            {
                if (files.findAny().isPresent())
                {
                    throw new IllegalArgumentException("--out " + dir + " is not empty: results go into a new or " +
                        "empty folder");
                }
            }
        }
        else if (Files.exists(dir))
        {
            throw new IllegalArgumentException("--out " + dir + " is a file");
        }
    }
}
