package io.keel.app.backtest;

import io.keel.backtest.BarCsv;
import io.keel.research.PipelineSweep;
import io.keel.research.Sweep;
import io.keel.research.SweepResults;
import io.keel.app.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code research sweep}: the sma_crossover reference over a parameter grid on a CSV, judged out of sample
 * (walk-forward optimisation, combinatorial purged cross-validation) and for overfitting (deflated Sharpe ratio,
 * probability of backtest overfitting), every method counting every trial. See {@link Sweep}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Sweep a parameter grid: the sma_crossover reference on a CSV (--csv, --fast, --slow), or a mode " +
        "profile on journaled days through the pipeline (--mode, --data, --param KEY=V1,V2). Walk-forward " +
        "optimisation with a stitched out-of-sample curve, CPCV paths, deflated Sharpe ratio and PBO over every " +
        "trial.", "Writes sweep.json, trials.csv, oos_equity.csv and report.html into --out."})
public final class SweepCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", description = "sma_crossover: bars datetime,open,high,low," +
        "close,volume (as backtest --csv).")
    Path csv;

    @Option(names = "--mode", paramLabel = "M", description = "A mode profile, swept on --data through the pipeline.")
    String mode;

    @CommandLine.Mixin
    JournaledDays journaled = new JournaledDays();

    @Option(names = "--param", paramLabel = "KEY=V1,V2", description = "With --mode: a configuration key and its " +
        "values (repeatable; the grid is every combination), e.g. sizing.minEdgeBps=0.3,1,2.")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results folder (created; must be " +
        "empty if it exists).")
    Path out;

    @Option(names = "--fast", defaultValue = "5:50:5", description = "Fast SMA lengths: FROM:TO:STEP or a list " +
        "(default: ${DEFAULT-VALUE}).")
    String fast;

    @Option(names = "--slow", defaultValue = "20:200:20", description = "Slow SMA lengths (default: " +
        "${DEFAULT-VALUE}); pairs with fast >= slow are not run.")
    String slow;

    @Option(names = "--train-days", defaultValue = "756", description = "Walk-forward in-sample days (default: " +
        "${DEFAULT-VALUE}).")
    int trainDays;

    @Option(names = "--test-days", defaultValue = "252", description = "Walk-forward out-of-sample days, and the " +
        "step (default: ${DEFAULT-VALUE}).")
    int testDays;

    @Option(names = "--groups", defaultValue = "6", description = "CPCV groups N (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--test-groups", defaultValue = "2", description = "CPCV groups tested per split k " +
        "(default: ${DEFAULT-VALUE}).")
    int testGroups;

    @Option(names = "--embargo-days", defaultValue = "5", description = "CPCV embargo after each tested group " +
        "(default: ${DEFAULT-VALUE}).")
    int embargoDays;

    @Option(names = "--blocks", defaultValue = "16", description = "PBO blocks S, even (default: " +
        "${DEFAULT-VALUE}: C(16, 8) = 12,870 combinations).")
    int blocks;

    @Option(names = "--cash", defaultValue = "100000", description = "Initial cash (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @Option(names = "--days-per-year", description = "Annualisation: 252 stocks, 365 crypto (default: 252 for a " +
        "CSV; for a mode, 365 when every instrument is crypto).")
    Integer daysPerYearOption;

    private int daysPerYear;

    @Option(names = "--threads", description = "Trials run at once (default: the machine's cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException
    {
        BacktestCommand.requireEmpty(out);
        final long start = System.nanoTime();
        final int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        final Sweep sweep;
        final String source;
        if (csv != null)
        {
            if (mode != null || journaled.data != null || !params.isEmpty())
            {
                throw new IllegalArgumentException("research sweep: --csv sweeps sma_crossover (--fast, --slow); " +
                    "--mode with --data and --param sweeps a profile; not both");
            }
            sweep = Sweep.sma(BarCsv.read(csv), BacktestCommand.initialCash(cash), grid(fast, "--fast"),
                grid(slow, "--slow"), cores);
            daysPerYear = daysPerYearOption != null ? daysPerYearOption : 252;
            source = "sma_crossover on " + csv.getFileName();
        }
        else
        {
            if (mode == null || journaled.data == null || params.isEmpty())
            {
                throw new IllegalArgumentException("research sweep needs --csv FILE (sma_crossover), or --mode M " +
                    "--data DIR and at least one --param KEY=V1,V2");
            }
            final PipelineSweep pipeline = new PipelineSweep(journaled.load(mode), PipelineSweep.grid(params),
                journaled.journals(), journaled.range(), journaled.allowUnclosed);
            sweep = pipeline.run(cores);
            daysPerYear = daysPerYearOption != null ? daysPerYearOption : pipeline.daysPerYear();
            source = mode + " on " + journaled.data.getFileName() + " (days " + journaled.range() + ")";
        }
        if (daysPerYear < 1)
        {
            throw new IllegalArgumentException("--days-per-year must be positive");
        }
        new SweepResults(sweep, source, new SweepResults.Settings(trainDays, testDays, groups, testGroups,
            embargoDays, blocks, daysPerYear)).write(out, spec.commandLine().getOut(), start);
        return ExitCode.OK;
    }

    static int[] grid(final String text, final String option)
    {
        try
        {
            final String[] range = text.split(":");
            if (range.length == 3)
            {
                final int from = Integer.parseInt(range[0].trim());
                final int to = Integer.parseInt(range[1].trim());
                final int step = Integer.parseInt(range[2].trim());
                if (from < 1 || to < from || step < 1)
                {
                    throw new IllegalArgumentException(option + " " + text + ": FROM:TO:STEP needs 1 <= FROM <= TO " +
                        "and STEP >= 1");
                }
                return java.util.stream.IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
            }
            final int[] values = java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(
                Integer::parseInt).toArray();
            if (java.util.Arrays.stream(values).anyMatch(v -> v < 1))
            {
                throw new IllegalArgumentException(option + " " + text + ": lengths must be at least 1");
            }
            return values;
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException(option + " " + text + ": expected FROM:TO:STEP (5:50:5) or a list " +
                "(10,20,50)", e);
        }
    }
}
