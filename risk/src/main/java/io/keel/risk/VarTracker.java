package io.keel.risk;

import java.util.Arrays;

/**
 * Value at risk and conditional VaR (expected shortfall) of the whole book, tracked live from its daily P&amp;L, and
 * backtested: each UTC day's P&amp;L is compared with the VaR forecast made at the start of that day, and the
 * exceptions are judged by Kupiec's proportion-of-failures test. Historical (the empirical quantile and tail mean of
 * the last {@code window} daily P&amp;Ls) and parametric (normal, from their standard deviation). Fed on the decision
 * thread; allocation-free.
 */
public final class VarTracker
{
    /**
     * Kupiec's proportion-of-failures test.
     *
     * @param days       days tested.
     * @param exceptions days whose loss exceeded the forecast VaR.
     * @param expected   expected exception rate, 1 - confidence.
     * @param lr         likelihood-ratio statistic, chi-squared with one degree of freedom under the model.
     * @param pValue     probability of a statistic at least this large if the VaR model is right.
     */
    public record Kupiec(int days, int exceptions, double expected, double lr, double pValue)
    {
        /** @return the test for {@code exceptions} in {@code days} at an expected rate. */
        public static Kupiec test(final int days, final int exceptions, final double expected)
        {
            if (days <= 0)
            {
                return new Kupiec(0, 0, expected, Double.NaN, Double.NaN);
            }
            final double n = days;
            final double x = exceptions;
            final double observed = x / n;
            final double nullLog = (n - x) * Math.log1p(-expected) + x * Math.log(expected);
            final double altLog = (x == n ? 0 : (n - x) * Math.log1p(-observed)) +
                (x == 0 ? 0 : x * Math.log(observed));
            final double lr = Math.max(0, -2 * (nullLog - altLog));
            return new Kupiec(days, exceptions, expected, lr, 2 * (1 - normalCdf(Math.sqrt(lr))));
        }
    }

    private final double confidence;
    private final double z;
    private final double[] pnl;
    private final double[] sorted;
    private int count;
    private long day = Long.MIN_VALUE;
    private double dayStartEquity;
    private double forecastVar = Double.NaN;
    private int tested;
    private int exceptions;
    private double historicalVar = Double.NaN;
    private double historicalCvar = Double.NaN;
    private double parametricVar = Double.NaN;
    private double parametricCvar = Double.NaN;

    /**
     * @param window     daily P&amp;Ls kept.
     * @param confidence e.g. 0.99.
     */
    public VarTracker(final int window, final double confidence)
    {
        if (window < 20 || !(confidence > 0.5 && confidence < 1))
        {
            throw new IllegalArgumentException("VaR tracking needs a window of at least 20 days and a confidence in " +
                "(0.5, 1)");
        }
        this.confidence = confidence;
        this.z = inverseNormal(confidence);
        this.pnl = new double[window];
        this.sorted = new double[window];
    }

    /**
     * The book's equity now; at each new UTC day the finished day's P&amp;L is scored against its forecast and
     * enters the window.
     *
     * @param dayIndex  UTC day number of the event time.
     * @param equityUsd equity in USD (model maths: doubles).
     */
    public void onEquity(final long dayIndex, final double equityUsd)
    {
        if (day == Long.MIN_VALUE)
        {
            day = dayIndex;
            dayStartEquity = equityUsd;
            return;
        }
        if (dayIndex == day)
        {
            return;
        }
        final double dayPnl = equityUsd - dayStartEquity;
        if (!Double.isNaN(forecastVar))
        {
            tested++;
            if (-dayPnl > forecastVar)
            {
                exceptions++;
            }
        }
        pnl[count % pnl.length] = dayPnl;
        count++;
        day = dayIndex;
        dayStartEquity = equityUsd;
        recompute();
    }

    private void recompute()
    {
        final int n = Math.min(count, pnl.length);
        if (n < 20)
        {
            return;
        }
        System.arraycopy(pnl, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n); // once a day: not on the event path
        final int tail = Math.max(1, (int)Math.ceil((1 - confidence) * n - 1e-9)); // 1 - 0.95 is 0.0500...04
        historicalVar = Math.max(0, -sorted[tail - 1]);
        double tailSum = 0;
        for (int i = 0; i < tail; i++)
        {
            tailSum += sorted[i];
        }
        historicalCvar = Math.max(0, -tailSum / tail);
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += sorted[i];
        }
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            squares += (sorted[i] - mean) * (sorted[i] - mean);
        }
        final double sigma = Math.sqrt(squares / (n - 1));
        parametricVar = Math.max(0, z * sigma - mean);
        parametricCvar = Math.max(0, sigma * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (1 - confidence) - mean);
        forecastVar = historicalVar;
    }

    /** @return one-day historical VaR in USD, NaN with fewer than 20 days. */
    public double historicalVar()
    {
        return historicalVar;
    }

    /** @return one-day historical CVaR (mean loss beyond the VaR) in USD. */
    public double historicalCvar()
    {
        return historicalCvar;
    }

    /** @return one-day parametric (normal) VaR in USD. */
    public double parametricVar()
    {
        return parametricVar;
    }

    /** @return one-day parametric (normal) CVaR in USD. */
    public double parametricCvar()
    {
        return parametricCvar;
    }

    /** @return the backtest of the historical VaR so far. */
    public Kupiec backtest()
    {
        return Kupiec.test(tested, exceptions, 1 - confidence);
    }

    /** @return the standard normal CDF (Hart's double-precision algorithm as given by West, 2005). */
    public static double normalCdf(final double x)
    {
        final double ax = Math.abs(x);
        double c;
        if (ax > 37)
        {
            c = 0;
        }
        else
        {
            final double e = Math.exp(-ax * ax / 2);
            if (ax < 7.07106781186547)
            {
                double n = 3.52624965998911e-02 * ax + 0.700383064443688;
                n = n * ax + 6.37396220353165;
                n = n * ax + 33.912866078383;
                n = n * ax + 112.079291497871;
                n = n * ax + 221.213596169931;
                n = n * ax + 220.206867912376;
                double d = 8.83883476483184e-02 * ax + 1.75566716318264;
                d = d * ax + 16.064177579207;
                d = d * ax + 86.7807322029461;
                d = d * ax + 296.564248779674;
                d = d * ax + 637.333633378831;
                d = d * ax + 793.826512519948;
                d = d * ax + 440.413735824752;
                c = e * n / d;
            }
            else
            {
                double b = ax + 0.65;
                b = ax + 4 / b;
                b = ax + 3 / b;
                b = ax + 2 / b;
                b = ax + 1 / b;
                c = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - c : c;
    }

    /** @return the standard normal quantile (bisection on {@link #normalCdf}: construction-time only). */
    public static double inverseNormal(final double p)
    {
        double low = -40;
        double high = 40;
        for (int i = 0; i < 200; i++)
        {
            final double mid = (low + high) / 2;
            if (normalCdf(mid) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
