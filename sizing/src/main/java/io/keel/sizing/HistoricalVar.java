package io.keel.sizing;

/**
 * Historical-simulation VaR of the book. Every instrument's mid is sampled at common instants {@code intervalNs}
 * apart (event time) and the last {@code window} simple returns are kept; a book of notionals is revalued under each
 * past interval's returns, scaled to the VaR horizon by {@code sqrt(horizon / interval)}, and its VaR is the loss at
 * the confidence quantile of those scenarios. Correlations are whatever history says, unlike the parametric budget.
 * Allocation-free after construction (the quantile is a quickselect, not a sort).
 */
public final class HistoricalVar
{
    /** Fewer samples than this and {@link #valueAtRisk} answers NaN: not enough history to say. */
    public static final int MIN_SCENARIOS = 20;

    private final long intervalNs;
    private final double horizonScale;
    private final double confidence;
    private final int window;
    private final double[] lastMid;
    private final double[] sampledMid;
    private final double[][] returns;
    private final double[] losses;
    private long nextSampleNs = Long.MIN_VALUE;
    private int samples;

    /**
     * @param instruments how many instruments (ids 0..n-1).
     * @param window      returns kept per instrument.
     * @param intervalNs  sampling interval of the returns.
     * @param horizonNs   VaR horizon.
     * @param confidence  VaR confidence, e.g. 0.99.
     */
    public HistoricalVar(
        final int instruments, final int window, final long intervalNs, final long horizonNs, final double confidence)
    {
        if (window < MIN_SCENARIOS || intervalNs <= 0 || horizonNs <= 0 || !(confidence > 0.5 && confidence < 1))
        {
            throw new IllegalArgumentException("historical VaR needs window >= " + MIN_SCENARIOS +
                ", positive interval and horizon, confidence in (0.5, 1)");
        }
        this.intervalNs = intervalNs;
        this.horizonScale = Math.sqrt((double)horizonNs / intervalNs);
        this.confidence = confidence;
        this.window = window;
        this.lastMid = new double[instruments];
        this.sampledMid = new double[instruments];
        this.returns = new double[instruments][window];
        this.losses = new double[window];
    }

    /** An instrument's mid at event time {@code timestampNs}; samples every instrument when an interval passes. */
    public void onMid(final int instrumentId, final long timestampNs, final double mid)
    {
        if (nextSampleNs == Long.MIN_VALUE)
        {
            nextSampleNs = timestampNs + intervalNs;
        }
        if (timestampNs >= nextSampleNs)
        {
            sample();
            nextSampleNs = timestampNs - (timestampNs - nextSampleNs) % intervalNs + intervalNs;
        }
        if (mid > 0)
        {
            lastMid[instrumentId] = mid;
        }
    }

    private void sample()
    {
        final int slot = samples % window;
        boolean any = false;
        for (int i = 0; i < lastMid.length; i++)
        {
            final double previous = sampledMid[i];
            returns[i][slot] = previous > 0 && lastMid[i] > 0 ? lastMid[i] / previous - 1 : 0;
            any |= previous > 0;
            sampledMid[i] = lastMid[i];
        }
        if (any)
        {
            samples++;
        }
    }

    /** @return return samples taken so far (grows by one per interval; the window keeps the last ones). */
    public int samples()
    {
        return samples;
    }

    /**
     * Writes the sample covariance of the instruments' returns over the window into {@code out} (n × n).
     * Allocation-free.
     *
     * @return false with fewer than {@link #MIN_SCENARIOS} scenarios.
     */
    public boolean covariance(final double[][] out)
    {
        final int n = scenarios();
        if (n < MIN_SCENARIOS)
        {
            return false;
        }
        final int k = returns.length;
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double sumI = 0;
                double sumJ = 0;
                double sumIJ = 0;
                for (int t = 0; t < n; t++)
                {
                    sumI += returns[i][t];
                    sumJ += returns[j][t];
                    sumIJ += returns[i][t] * returns[j][t];
                }
                final double value = (sumIJ - sumI * sumJ / n) / (n - 1);
                out[i][j] = value;
                out[j][i] = value;
            }
        }
        return true;
    }

    /** @return scenarios available (at most the window). */
    public int scenarios()
    {
        return Math.min(samples, window);
    }

    /**
     * @param notional signed notional per instrument id, quote currency.
     * @return the VaR of that book (a positive loss), or NaN with fewer than {@link #MIN_SCENARIOS} scenarios.
     */
    public double valueAtRisk(final double[] notional)
    {
        final int n = scenarios();
        if (n < MIN_SCENARIOS)
        {
            return Double.NaN;
        }
        for (int t = 0; t < n; t++)
        {
            double pnl = 0;
            for (int i = 0; i < notional.length; i++)
            {
                pnl += notional[i] * returns[i][t];
            }
            losses[t] = -pnl * horizonScale;
        }
        final int index = Math.min(n - 1, (int)Math.ceil(confidence * n - 1e-9) - 1); // 1e-9: 0.99 x 100 is not 99
        return Math.max(0, select(losses, n, index));
    }

    /** @return the {@code k}-th smallest of {@code values[0..n)} (Hoare's quickselect, in place, no allocation). */
    static double select(final double[] values, final int n, final int k)
    {
        int low = 0;
        int high = n - 1;
        while (low < high)
        {
            final double pivot = values[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    final double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }
}
