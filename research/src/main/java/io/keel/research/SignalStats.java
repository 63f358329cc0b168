package io.keel.research;

import java.util.Arrays;

/** Statistics of a signal against forward returns: rank IC, hit rate, quantile means, significance. */
public final class SignalStats
{
    private SignalStats()
    {
    }

    /** @return ranks 1..n of {@code values}, ties sharing their average rank. */
    public static double[] ranks(final double[] values, final int n)
    {
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        final double[] ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }
            final double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** @return Pearson correlation of the first {@code n} pairs, NaN when either side is constant or n < 3. */
    public static double pearson(final double[] x, final double[] y, final int n)
    {
        if (n < 3)
        {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            final double dx = x[i] - mx;
            final double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** @return Spearman rank correlation (the information coefficient) of the first {@code n} pairs. */
    public static double spearman(final double[] x, final double[] y, final int n)
    {
        return pearson(ranks(x, n), ranks(y, n), n);
    }

    /** @return t statistic of a correlation over {@code effectiveN} independent observations. */
    public static double tStatistic(final double correlation, final double effectiveN)
    {
        if (Double.isNaN(correlation) || effectiveN <= 2)
        {
            return Double.NaN;
        }
        final double r = Math.min(0.999_999, Math.abs(correlation));
        return Math.signum(correlation) * r * Math.sqrt((effectiveN - 2) / (1 - r * r));
    }

    /** @return fraction of pairs with both sides non-zero whose signs agree, NaN when there are none. */
    public static double hitRate(final double[] signal, final double[] outcome, final int n)
    {
        int hits = 0;
        int counted = 0;
        for (int i = 0; i < n; i++)
        {
            if (signal[i] != 0 && outcome[i] != 0)
            {
                counted++;
                if ((signal[i] > 0) == (outcome[i] > 0))
                {
                    hits++;
                }
            }
        }
        return counted == 0 ? Double.NaN : (double)hits / counted;
    }

    /**
     * @return mean outcome per signal quantile: the pairs sorted by signal, cut into {@code quantiles} groups of equal
     *         count (lowest signal first); NaN for an empty group.
     */
    public static double[] quantileMeans(
        final double[] signal, final double[] outcome, final int n, final int quantiles)
    {
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(signal[a], signal[b]));
        final double[] sums = new double[quantiles];
        final int[] counts = new int[quantiles];
        for (int rank = 0; rank < n; rank++)
        {
            final int q = (int)((long)rank * quantiles / n);
            sums[q] += outcome[order[rank]];
            counts[q]++;
        }
        final double[] means = new double[quantiles];
        for (int q = 0; q < quantiles; q++)
        {
            means[q] = counts[q] == 0 ? Double.NaN : sums[q] / counts[q];
        }
        return means;
    }

    /**
     * @return the two-sided critical |t| for a family of {@code tests} tests at 5 % overall (Bonferroni): the
     *         standard normal quantile of {@code 1 - 0.025 / tests}.
     */
    public static double bonferroniCritical(final int tests)
    {
        return normalQuantile(1 - 0.025 / Math.max(1, tests));
    }

    /** @return the standard normal quantile of {@code p} (Acklam's rational approximation, |error| below 1.2e-9). */
    public static double normalQuantile(final double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new IllegalArgumentException("probability must be in (0, 1): " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        final double low = 0.02425;
        if (p < low)
        {
            final double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            return -normalQuantile(1 - p);
        }
        final double q = p - 0.5;
        final double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
