package io.keel.backtest;

import io.keel.execution.Portfolio;
import io.keel.ingest.feature.FeatureEngine;

/**
 * Equity, gross and net exposure, buy-and-hold and each instrument's mid, sampled once per bucket of event time; at
 * {@link #CAP} samples every other one is dropped and the bucket doubles, so any run fits.
 */
final class EquityCurve
{
    /** Samples kept before the curve halves its resolution. */
    static final int CAP = 8_192;
    private static final long FIRST_BUCKET_NS = 1_000_000_000L;

    final long[] ns = new long[CAP];
    final long[] equity = new long[CAP];
    final long[] gross = new long[CAP];
    final long[] net = new long[CAP];
    final double[] benchmark = new double[CAP];
    final double[][] mid;
    int count;
    private long bucketNs = FIRST_BUCKET_NS;
    private long lastBucket = Long.MIN_VALUE;

    EquityCurve(final int instruments)
    {
        this.mid = new double[instruments][CAP];
    }

    /** @return true when {@code t} opens a new bucket (take a sample). */
    boolean due(final long t)
    {
        final long bucket = Math.floorDiv(t, bucketNs);
        if (bucket == lastBucket)
        {
            return false;
        }
        lastBucket = bucket;
        return true;
    }

    /** Samples the book at {@code t}. */
    void add(final long t, final Portfolio portfolio, final FeatureEngine features, final double buyAndHold)
    {
        if (count == CAP)
        {
            halve();
        }
        long grossValue = 0;
        long netValue = 0;
        for (int id = 0; id < mid.length; id++)
        {
            final long value = portfolio.markedValue(id);
            grossValue += Math.abs(value);
            netValue += value;
            final double m = features.features(id).mid;
            mid[id][count] = m > 0 ? m : Double.NaN;
        }
        ns[count] = t;
        equity[count] = portfolio.equityMoney();
        gross[count] = grossValue;
        net[count] = netValue;
        benchmark[count] = buyAndHold;
        count++;
    }

    /** Keeps every other sample and doubles the bucket. */
    private void halve()
    {
        int kept = 0;
        for (int i = 0; i < count; i += 2)
        {
            ns[kept] = ns[i];
            equity[kept] = equity[i];
            gross[kept] = gross[i];
            net[kept] = net[i];
            benchmark[kept] = benchmark[i];
            for (final double[] mids : mid)
            {
                mids[kept] = mids[i];
            }
            kept++;
        }
        count = kept;
        bucketNs *= 2;
    }
}
