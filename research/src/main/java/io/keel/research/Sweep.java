package io.keel.research;

import io.keel.backtest.BarCsv;
import io.keel.backtest.Parallel;
import io.keel.backtest.SmaCrossover;
import io.keel.backtest.SmaReport;
import io.keel.monitoring.report.ReportSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * A parameter sweep and what it is worth out of sample: the sma_crossover reference on a CSV, or a mode profile on
 * journaled days through the pipeline with configuration keys varied. Every trial of the grid runs over the whole
 * period once (trials in parallel); its daily returns (marked at each day's end) are the matrix every method reads,
 * so all of them count the same trials:
 * <ul>
 *   <li>walk-forward optimisation: rolling windows of {@code train} days in sample, the next {@code test} days out of
 *       sample with the in-sample best; the out-of-sample days stitched into one equity curve;</li>
 *   <li>combinatorial purged cross-validation: the in-sample best of each split, on its test groups, assembled into
 *       C(N-1, k-1) full out-of-sample paths;</li>
 *   <li>the deflated Sharpe ratio of the whole-period best over all trials, and the probability of backtest
 *       overfitting by CSCV.</li>
 * </ul>
 * Each trial's returns come from one continuous run, so a window's first day may hold a position opened before it:
 * the signal only ever read past bars, as a strategy switched to those parameters at that point would.
 */
public final class Sweep
{
    /** One grid point: its parameter values (in the order of the sweep's names) and its daily returns. */
    public record Trial(List<String> values, double[] returns, int trades, double sharpe)
    {
        public Trial(final List<String> values, final double[] returns, final int trades)
        {
            this(values, returns, trades, Sweep.sharpe(returns, 0, returns.length));
        }
    }

    /** A walk-forward window: in-sample [isFrom, oosFrom), out of sample [oosFrom, oosTo), day indices. */
    public record Window(int isFrom, int oosFrom, int oosTo, int chosen, double inSampleSharpe,
        double outOfSampleSharpe)
    {
    }

    /** The combinatorial purged cross-validation: per path, its returns; per split, the trial chosen. */
    public record Cpcv(int groups, int testGroups, int splits, double[][] paths, int[] chosen)
    {
    }

    private final List<String> names;
    private final List<Trial> trials;
    private final long[] days;
    private final double[] benchmark;
    private final double initial;

    /**
     * @param names     the parameters varied.
     * @param trials    every trial run, each with returns over the same days.
     * @param days      epoch day of each return.
     * @param benchmark buy-and-hold value at the start and at each day's end (any scale).
     * @param initial   the starting equity, in money.
     */
    Sweep(final List<String> names, final List<Trial> trials, final long[] days, final double[] benchmark,
        final double initial)
    {
        if (trials.size() < 2)
        {
            throw new IllegalArgumentException("the grid has " + trials.size() + " trial(s): a sweep needs at least 2");
        }
        for (final Trial t : trials)
        {
            if (t.returns().length != days.length)
            {
                throw new IllegalArgumentException("trial " + t.values() + " covers " + t.returns().length +
                    " days, the sweep " + days.length + ": every trial must see the same days");
            }
        }
        this.names = List.copyOf(names);
        this.trials = List.copyOf(trials);
        this.days = days;
        this.benchmark = benchmark;
        this.initial = initial;
    }

    /** The sma_crossover reference: every (fast, slow) with fast &lt; slow, {@code threads} at a time. */
    public static Sweep sma(final BarCsv.Bars bars, final long initial, final int[] fast, final int[] slow,
        final int threads)
    {
        final List<int[]> grid = new ArrayList<>();
        for (final int f : fast)
        {
            for (final int s : slow)
            {
                if (f < s)
                {
                    grid.add(new int[] {f, s});
                }
            }
        }
        if (grid.size() < 2)
        {
            throw new IllegalArgumentException("the grid has " + grid.size() + " trial(s) with fast < slow: a sweep " +
                "needs at least 2");
        }
        final List<java.util.concurrent.Callable<Trial>> tasks = new ArrayList<>();
        for (final int[] p : grid)
        {
            tasks.add(() -> trial(bars, initial, p[0], p[1]));
        }
        final List<Trial> trials = Parallel.inOrder(tasks, threads, "sweep");
        final long[] flat = new long[bars.count()];
        java.util.Arrays.fill(flat, initial);
        final SmaReport.Daily daily = SmaReport.daily(bars, flat, initial);
        return new Sweep(List.of("fast", "slow"), trials, daily.days(), daily.benchmark(), initial / 1e8);
    }

    private static Trial trial(final BarCsv.Bars bars, final long initial, final int fast, final int slow)
    {
        final SmaCrossover.Result result = SmaCrossover.resultFor(bars.count());
        final long[] marked = new long[bars.count()];
        new SmaCrossover(fast, slow).run(bars.open(), bars.close(), bars.count(), initial, result, marked);
        final double[] returns = ReportSeries.returns(SmaReport.daily(bars, marked, initial).equity());
        return new Trial(List.of(Integer.toString(fast), Integer.toString(slow)), returns, result.count);
    }

    /** @return the per-day Sharpe ratio of returns[from, to) (0 when they do not vary). */
    public static double sharpe(final double[] returns, final int from, final int to)
    {
        final int n = to - from;
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += returns[i];
        }
        final double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++)
        {
            squares += (returns[i] - mean) * (returns[i] - mean);
        }
        final double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return std > 0 ? mean / std : 0;
    }

    private static double sharpe(final double[] returns, final int[] indices)
    {
        final double[] picked = new double[indices.length];
        for (int i = 0; i < indices.length; i++)
        {
            picked[i] = returns[indices[i]];
        }
        return sharpe(picked, 0, picked.length);
    }

    public List<Trial> trials()
    {
        return trials;
    }

    public int days()
    {
        return days.length;
    }

    /** @return epoch day of each return. */
    public long[] calendar()
    {
        return days;
    }

    /** @return buy-and-hold at the start and at each day's end. */
    public double[] benchmark()
    {
        return benchmark;
    }

    public List<String> names()
    {
        return names;
    }

    public double initial()
    {
        return initial;
    }

    /** @return "fast=10 slow=50". */
    public String label(final Trial t)
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++)
        {
            b.append(i == 0 ? "" : " ").append(names.get(i)).append('=').append(t.values().get(i));
        }
        return b.toString();
    }

    /** @return the trial with the best whole-period Sharpe ratio (the first of equals). */
    public int best()
    {
        int best = 0;
        for (int i = 1; i < trials.size(); i++)
        {
            if (trials.get(i).sharpe() > trials.get(best).sharpe())
            {
                best = i;
            }
        }
        return best;
    }

    private int bestOn(final int from, final int to)
    {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trials.size(); i++)
        {
            final double s = sharpe(trials.get(i).returns(), from, to);
            if (s > top)
            {
                top = s;
                best = i;
            }
        }
        return best;
    }

    /** @return the rolling windows; the last one's out-of-sample part may be shorter. */
    public List<Window> walkForward(final int train, final int test)
    {
        final int days = days();
        if (train < 2 || test < 1 || train + test > days)
        {
            throw new IllegalArgumentException("walk-forward needs --train-days (>= 2) + --test-days (>= 1) <= the " +
                days + " days of data; got " + train + " + " + test);
        }
        final List<Window> windows = new ArrayList<>();
        for (int from = 0; from + train < days; from += test)
        {
            final int oosFrom = from + train;
            final int oosTo = Math.min(days, oosFrom + test);
            final int chosen = bestOn(from, oosFrom);
            windows.add(new Window(from, oosFrom, oosTo, chosen, sharpe(trials.get(chosen).returns(), from, oosFrom),
                sharpe(trials.get(chosen).returns(), oosFrom, oosTo)));
        }
        return windows;
    }

    /** @return the stitched out-of-sample daily returns of the windows, in order. */
    public double[] stitched(final List<Window> windows)
    {
        final List<Double> out = new ArrayList<>();
        for (final Window w : windows)
        {
            final double[] r = trials.get(w.chosen()).returns();
            for (int d = w.oosFrom(); d < w.oosTo(); d++)
            {
                out.add(r[d]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * @param groups     N, consecutive groups of days.
     * @param testGroups k, tested per split.
     * @param embargo    days dropped from training after each tested group.
     */
    public Cpcv cpcv(final int groups, final int testGroups, final int embargo)
    {
        final int days = days();
        final long[] t0 = new long[days];
        final long[] t1 = new long[days];
        for (int d = 0; d < days; d++)
        {
            t0[d] = d - 1L; // a day's return follows the position taken at the previous close
            t1[d] = d;
        }
        final PurgedSplits.Combinatorial c = PurgedSplits.combinatorial(t0, t1, groups, testGroups, embargo);
        final int[] chosen = new int[c.splits().size()];
        for (int s = 0; s < chosen.length; s++)
        {
            final int[] train = c.splits().get(s).split().train();
            double top = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < trials.size(); i++)
            {
                final double sr = sharpe(trials.get(i).returns(), train);
                if (sr > top)
                {
                    top = sr;
                    chosen[s] = i;
                }
            }
        }
        final double[][] paths = new double[c.paths().length][days];
        for (int p = 0; p < paths.length; p++)
        {
            for (int g = 0; g < groups; g++)
            {
                final double[] r = trials.get(chosen[c.paths()[p][g]]).returns();
                for (int d = (int)((long)days * g / groups); d < (int)((long)days * (g + 1) / groups); d++)
                {
                    paths[p][d] = r[d];
                }
            }
        }
        return new Cpcv(groups, testGroups, chosen.length, paths, chosen);
    }

    /** @return the deflated Sharpe ratio of the whole-period best, counting every trial of the grid. */
    public double deflatedSharpe()
    {
        final Trial best = trials.get(best());
        final Overfitting.Moments m = Overfitting.moments(best.returns());
        return Overfitting.deflatedSharpe(best.sharpe(), m.n(), m.skew(), m.kurtosis(), sharpeVariance(),
            trials.size());
    }

    /** @return the variance of the trials' per-day Sharpe ratios. */
    public double sharpeVariance()
    {
        double mean = 0;
        for (final Trial t : trials)
        {
            mean += t.sharpe();
        }
        mean /= trials.size();
        double squares = 0;
        for (final Trial t : trials)
        {
            squares += (t.sharpe() - mean) * (t.sharpe() - mean);
        }
        return squares / (trials.size() - 1);
    }

    public Overfitting.Pbo pbo(final int blocks)
    {
        final double[][] matrix = new double[trials.size()][];
        for (int i = 0; i < matrix.length; i++)
        {
            matrix[i] = trials.get(i).returns();
        }
        return Overfitting.pbo(matrix, blocks);
    }
}
