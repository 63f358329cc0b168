package io.keel.research;

import io.keel.risk.VarTracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much of a backtest's Sharpe ratio survives the search that found it.
 * <ul>
 *   <li>The <b>probabilistic Sharpe ratio</b> (Bailey and López de Prado, 2012): the probability that the true
 *       Sharpe ratio exceeds a benchmark, given the estimate's length, skewness and kurtosis.</li>
 *   <li>The <b>deflated Sharpe ratio</b> (Bailey and López de Prado, 2014): the PSR against the Sharpe ratio the best
 *       of {@code N} skill-less trials would be expected to show, {@code sqrt(V) ((1 - g) Z^-1(1 - 1/N) +
 *       g Z^-1(1 - 1/(N e)))}, with V the variance of the trials' Sharpe ratios and g Euler's constant. N counts
 *       every trial run, not only the ones kept.</li>
 *   <li>The <b>probability of backtest overfitting</b> by combinatorially symmetric cross-validation (Bailey,
 *       Borwein, López de Prado and Zhu, 2015): the trials' returns are cut into S blocks; for every choice of S/2
 *       blocks as in-sample, the trial best in sample is ranked out of sample; PBO is the share of choices where it
 *       ranks at or below the median (logit of its relative rank &lt;= 0).</li>
 * </ul>
 * Sharpe ratios here are per observation (not annualised): mean over sample standard deviation.
 */
public final class Overfitting
{
    /** The Euler-Mascheroni constant. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private Overfitting()
    {
    }

    /**
     * The moments of a return series.
     *
     * @param sharpe   mean over sample standard deviation (NaN when it does not vary).
     * @param skew     third standardised moment.
     * @param kurtosis fourth standardised moment (3 for a normal distribution; not the excess).
     */
    public record Moments(int n, double mean, double std, double sharpe, double skew, double kurtosis)
    {
    }

    public static Moments moments(final double[] returns)
    {
        final int n = returns.length;
        double mean = 0;
        for (final double r : returns)
        {
            mean += r;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (final double r : returns)
        {
            final double d = r - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        final double std = n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        return new Moments(n, mean, std, std > 0 ? mean / std : Double.NaN, m2 > 0 ? m3 / Math.pow(m2, 1.5) :
            Double.NaN, m2 > 0 ? m4 / (m2 * m2) : Double.NaN);
    }

    /**
     * @param sharpe    estimated Sharpe ratio, per observation.
     * @param benchmark the Sharpe ratio to beat, per observation.
     * @param n         observations.
     * @param skew      skewness of the returns.
     * @param kurtosis  kurtosis of the returns (3 when normal).
     * @return the probability that the true Sharpe ratio exceeds the benchmark.
     */
    public static double probabilisticSharpe(final double sharpe, final double benchmark, final int n,
        final double skew, final double kurtosis)
    {
        final double spread = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (n < 2 || !(spread > 0))
        {
            return Double.NaN;
        }
        return VarTracker.normalCdf((sharpe - benchmark) * Math.sqrt(n - 1) / Math.sqrt(spread));
    }

    /** @return the expected maximum Sharpe ratio of {@code trials} skill-less trials whose Sharpe ratios vary so. */
    public static double expectedMaxSharpe(final double variance, final int trials)
    {
        if (trials < 2)
        {
            return 0;
        }
        return Math.sqrt(variance) * ((1 - EULER_GAMMA) * VarTracker.inverseNormal(1 - 1.0 / trials) +
            EULER_GAMMA * VarTracker.inverseNormal(1 - 1.0 / (trials * Math.E)));
    }

    /**
     * @param sharpe        the selected trial's Sharpe ratio, per observation.
     * @param n             its observations.
     * @param skew          its returns' skewness.
     * @param kurtosis      its returns' kurtosis.
     * @param trialVariance variance of the Sharpe ratios of all trials, per observation.
     * @param trials        every trial run.
     * @return the deflated Sharpe ratio: the probability the selected Sharpe ratio reflects skill.
     */
    public static double deflatedSharpe(final double sharpe, final int n, final double skew, final double kurtosis,
        final double trialVariance, final int trials)
    {
        return probabilisticSharpe(sharpe, expectedMaxSharpe(trialVariance, trials), n, skew, kurtosis);
    }

    /**
     * The result of combinatorially symmetric cross-validation.
     *
     * @param probability        PBO: the share of combinations whose in-sample best is at or below the out-of-sample
     *                           median.
     * @param logits             logit of the selected trial's out-of-sample relative rank, per combination.
     * @param inSample           the selected trial's in-sample Sharpe, per combination.
     * @param outOfSample        its out-of-sample Sharpe, per combination.
     * @param probabilityOfLoss  the share of combinations where the selected trial lost out of sample.
     * @param degradationSlope   least-squares slope of out-of-sample on in-sample Sharpe of the selected trial.
     */
    public record Pbo(double probability, double[] logits, double[] inSample, double[] outOfSample,
        double probabilityOfLoss, double degradationSlope)
    {
        public int combinations()
        {
            return logits.length;
        }
    }

    /**
     * @param returns per trial, its returns over the same observations ({@code returns[trial][t]}).
     * @param blocks  S, even: the observations are cut into S consecutive blocks of (nearly) equal size.
     */
    public static Pbo pbo(final double[][] returns, final int blocks)
    {
        final int trials = returns.length;
        if (trials < 2)
        {
            throw new IllegalArgumentException("PBO compares trials: needs at least 2, has " + trials);
        }
        final int t = returns[0].length;
        if (blocks < 2 || blocks % 2 != 0 || t < blocks * 2)
        {
            throw new IllegalArgumentException("PBO needs an even number of blocks (>= 2) of at least 2 observations " +
                "each: " + blocks + " blocks of " + t + " observations");
        }
        for (final double[] r : returns)
        {
            if (r.length != t)
            {
                throw new IllegalArgumentException("every trial must cover the same observations");
            }
        }
        // per trial and block: the sum, the sum of squares and the count, so a combination costs S per trial
        final double[][] sums = new double[trials][blocks];
        final double[][] squares = new double[trials][blocks];
        final int[] sizes = new int[blocks];
        for (int b = 0; b < blocks; b++)
        {
            final int from = (int)((long)t * b / blocks);
            final int to = (int)((long)t * (b + 1) / blocks);
            sizes[b] = to - from;
            for (int j = 0; j < trials; j++)
            {
                for (int i = from; i < to; i++)
                {
                    sums[j][b] += returns[j][i];
                    squares[j][b] += returns[j][i] * returns[j][i];
                }
            }
        }
        final List<int[]> combinations = combinations(blocks, blocks / 2);
        final double[] logits = new double[combinations.size()];
        final double[] in = new double[combinations.size()];
        final double[] out = new double[combinations.size()];
        int overfit = 0;
        int losses = 0;
        final boolean[] inSample = new boolean[blocks];
        final double[] isSharpe = new double[trials];
        final double[] oosSharpe = new double[trials];
        for (int c = 0; c < combinations.size(); c++)
        {
            Arrays.fill(inSample, false);
            for (final int b : combinations.get(c))
            {
                inSample[b] = true;
            }
            for (int j = 0; j < trials; j++)
            {
                isSharpe[j] = blockSharpe(sums[j], squares[j], sizes, inSample, true);
                oosSharpe[j] = blockSharpe(sums[j], squares[j], sizes, inSample, false);
            }
            int best = 0;
            for (int j = 1; j < trials; j++)
            {
                if (isSharpe[j] > isSharpe[best])
                {
                    best = j;
                }
            }
            double below = 0;
            for (int j = 0; j < trials; j++)
            {
                below += oosSharpe[j] < oosSharpe[best] ? 1 : oosSharpe[j] == oosSharpe[best] && j != best ? 0.5 : 0;
            }
            final double omega = (below + 1) / (trials + 1);
            logits[c] = Math.log(omega / (1 - omega));
            in[c] = isSharpe[best];
            out[c] = oosSharpe[best];
            overfit += logits[c] <= 0 ? 1 : 0;
            losses += oosSharpe[best] < 0 ? 1 : 0;
        }
        return new Pbo((double)overfit / logits.length, logits, in, out, (double)losses / logits.length,
            slope(in, out));
    }

    /** Sharpe ratio of the observations in (or out of) the chosen blocks, from each block's sums. */
    private static double blockSharpe(final double[] sums, final double[] squares, final int[] sizes,
        final boolean[] chosen, final boolean in)
    {
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (int b = 0; b < sizes.length; b++)
        {
            if (chosen[b] == in)
            {
                sum += sums[b];
                sumSquares += squares[b];
                n += sizes[b];
            }
        }
        final double mean = sum / n;
        final double variance = (sumSquares - n * mean * mean) / (n - 1);
        return variance > 1e-300 ? mean / Math.sqrt(variance) : mean > 0 ? Double.MAX_VALUE : mean < 0 ?
            -Double.MAX_VALUE : 0;
    }

    private static double slope(final double[] x, final double[] y)
    {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** @return every k-subset of {0..n-1}, each ascending, in lexicographic order. */
    public static List<int[]> combinations(final int n, final int k)
    {
        final List<int[]> out = new ArrayList<>();
        final int[] c = new int[k];
        for (int i = 0; i < k; i++)
        {
            c[i] = i;
        }
        while (true)
        {
            out.add(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i)
            {
                i--;
            }
            if (i < 0)
            {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < k; j++)
            {
                c[j] = c[j - 1] + 1;
            }
        }
    }
}
