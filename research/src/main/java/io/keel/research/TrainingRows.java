package io.keel.research;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Operations on training rows: standardisation on the training fold's mean and deviation (a deviation of 0 taken as
 * 1), the placebo shuffle, the median label span.
 */
final class TrainingRows
{
    private TrainingRows()
    {
    }

    static boolean allSame(final boolean[] values)
    {
        for (final boolean v : values)
        {
            if (v != values[0])
            {
                return false;
            }
        }
        return true;
    }

    static int[] allIndices(final int n)
    {
        final int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    static void standardisation(final double[][] x, final int[] rows, final double[] mean, final double[] std)
    {
        for (int j = 0; j < mean.length; j++)
        {
            double sum = 0;
            for (final int r : rows)
            {
                sum += x[r][j];
            }
            mean[j] = sum / rows.length;
            double squares = 0;
            for (final int r : rows)
            {
                final double d = x[r][j] - mean[j];
                squares += d * d;
            }
            final double deviation = Math.sqrt(squares / rows.length);
            std[j] = deviation > 1e-12 ? deviation : 1.0;
        }
    }

    static double[][] standardise(final double[][] x, final int[] rows, final double[] mean, final double[] std)
    {
        final double[][] z = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++)
        {
            for (int j = 0; j < mean.length; j++)
            {
                z[i][j] = (x[rows[i]][j] - mean[j]) / std[j];
            }
        }
        return z;
    }

    /** Shuffles the outcomes against the inputs (a placebo: nothing should be learnt from it). */
    static void shuffleOutcomes(final Trainer.Dataset data, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = data.size() - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final double f = data.forward()[i];
            data.forward()[i] = data.forward()[j];
            data.forward()[j] = f;
            final boolean u = data.up()[i];
            data.up()[i] = data.up()[j];
            data.up()[j] = u;
        }
    }

    /** @return the median label span, ns (at least 1). */
    static long medianSpan(final Trainer.Dataset data)
    {
        final long[] spans = new long[data.size()];
        for (int i = 0; i < spans.length; i++)
        {
            spans[i] = data.t1()[i] - data.t0()[i];
        }
        Arrays.sort(spans);
        return Math.max(1, spans[spans.length / 2]);
    }
}
