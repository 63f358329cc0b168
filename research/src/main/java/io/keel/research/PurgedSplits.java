package io.keel.research;

import java.util.ArrayList;
import java.util.List;

/**
 * Train/test splits for labels that span time (López de Prado, <i>Advances in Financial Machine Learning</i>, ch. 7).
 * Sample {@code i} is observed at {@code t0[i]} and its label is known only at {@code t1[i] >= t0[i]}; samples are in
 * time order. A training sample whose label interval {@code [t0, t1]} overlaps the test span is <b>purged</b> (it
 * would teach the model the test period's outcome), and samples starting within the <b>embargo</b> after the test span
 * are dropped too (their features are serially correlated with the test labels).
 */
public final class PurgedSplits
{
    /**
     * One split.
     *
     * @param train      training sample indices.
     * @param test       test sample indices.
     * @param purged     training candidates removed because their labels overlap the test span.
     * @param embargoed  training candidates removed by the embargo.
     */
    public record Split(int[] train, int[] test, int purged, int embargoed)
    {
    }

    private PurgedSplits()
    {
    }

    private static int[] range(final int from, final int to)
    {
        final int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = from + i;
        }
        return out;
    }

    private static void checkOrdered(final long[] t0, final long[] t1)
    {
        for (int i = 0; i < t0.length; i++)
        {
            if (t1[i] < t0[i] || i > 0 && t0[i] < t0[i - 1])
            {
                throw new IllegalArgumentException("samples must be in time order with label end >= start (index " +
                    i + ")");
            }
        }
    }

    /**
     * Walk-forward: the samples cut into {@code folds + 1} consecutive blocks; split k trains on blocks before k
     * (purged of labels reaching into block k) and tests on block k. Each test block is out of sample for a model
     * that only ever saw the past.
     */
    public static List<Split> walkForward(final long[] t0, final long[] t1, final int folds)
    {
        checkOrdered(t0, t1);
        final int n = t0.length;
        if (folds < 1 || n < folds + 1)
        {
            throw new IllegalArgumentException("walk-forward needs at least " + (folds + 1) + " samples for " + folds +
                " folds, has " + n);
        }
        final List<Split> splits = new ArrayList<>();
        for (int k = 1; k <= folds; k++)
        {
            final int from = (int)((long)n * k / (folds + 1));
            final int to = (int)((long)n * (k + 1) / (folds + 1));
            final long testStart = t0[from];
            final List<Integer> train = new ArrayList<>();
            int purged = 0;
            for (int j = 0; j < from; j++)
            {
                if (t1[j] >= testStart)
                {
                    purged++;
                }
                else
                {
                    train.add(j);
                }
            }
            splits.add(new Split(train.stream().mapToInt(Integer::intValue).toArray(), range(from, to), purged, 0));
        }
        return splits;
    }

    /**
     * Purged k-fold cross-validation with an embargo: {@code folds} consecutive test blocks; each trains on every
     * other sample except those whose label interval overlaps the test span {@code [t0 first, max t1]} and those
     * starting within {@code embargoNs} after it.
     */
    public static List<Split> purgedKFold(final long[] t0, final long[] t1, final int folds, final long embargoNs)
    {
        checkOrdered(t0, t1);
        final int n = t0.length;
        if (folds < 2 || n < folds)
        {
            throw new IllegalArgumentException("purged k-fold needs at least 2 folds and one sample per fold, has " +
                folds + " folds and " + n + " samples");
        }
        if (embargoNs < 0)
        {
            throw new IllegalArgumentException("embargo must not be negative");
        }
        final List<Split> splits = new ArrayList<>();
        for (int k = 0; k < folds; k++)
        {
            final int from = (int)((long)n * k / folds);
            final int to = (int)((long)n * (k + 1) / folds);
            final long testStart = t0[from];
            long testEnd = Long.MIN_VALUE;
            for (int i = from; i < to; i++)
            {
                testEnd = Math.max(testEnd, t1[i]);
            }
            final List<Integer> train = new ArrayList<>();
            int purged = 0;
            int embargoed = 0;
            for (int j = 0; j < n; j++)
            {
                if (j >= from && j < to)
                {
                    continue;
                }
                if (t1[j] >= testStart && t0[j] <= testEnd)
                {
                    purged++;
                }
                else if (t0[j] > testEnd && t0[j] <= testEnd + embargoNs)
                {
                    embargoed++;
                }
                else
                {
                    train.add(j);
                }
            }
            splits.add(new Split(train.stream().mapToInt(Integer::intValue).toArray(), range(from, to), purged,
                embargoed));
        }
        return splits;
    }

    /**
     * A split of combinatorial purged cross-validation.
     *
     * @param testGroups the groups tested, ascending.
     * @param split      training (purged, embargoed) and test samples.
     */
    public record GroupSplit(int[] testGroups, Split split)
    {
    }

    /**
     * Combinatorial purged cross-validation (López de Prado, <i>Advances in Financial Machine Learning</i>, ch. 12).
     *
     * @param splits every choice of {@code k} test groups out of {@code N}: C(N, k) splits.
     * @param paths  {@code paths[p][g]}: the split whose test of group {@code g} belongs to backtest path {@code p};
     *               C(N - 1, k - 1) paths, each covering every group once out of sample.
     */
    public record Combinatorial(List<GroupSplit> splits, int[][] paths)
    {
    }

    /**
     * The samples cut into {@code groups} consecutive groups; each split tests {@code testGroups} of them and trains
     * on the rest, purged of labels that overlap any tested group's span and embargoed for {@code embargoNs} after
     * each tested group.
     */
    public static Combinatorial combinatorial(final long[] t0, final long[] t1, final int groups,
        final int testGroups, final long embargoNs)
    {
        checkOrdered(t0, t1);
        final int n = t0.length;
        if (groups < 2 || testGroups < 1 || testGroups >= groups || n < groups)
        {
            throw new IllegalArgumentException("CPCV needs 1 <= k < N groups and a sample per group: N=" + groups +
                ", k=" + testGroups + ", " + n + " samples");
        }
        if (embargoNs < 0)
        {
            throw new IllegalArgumentException("embargo must not be negative");
        }
        final int[] from = new int[groups + 1];
        final long[] spanEnd = new long[groups];
        for (int g = 0; g <= groups; g++)
        {
            from[g] = (int)((long)n * g / groups);
        }
        for (int g = 0; g < groups; g++)
        {
            spanEnd[g] = Long.MIN_VALUE;
            for (int i = from[g]; i < from[g + 1]; i++)
            {
                spanEnd[g] = Math.max(spanEnd[g], t1[i]);
            }
        }
        final List<GroupSplit> splits = new ArrayList<>();
        for (final int[] tested : Overfitting.combinations(groups, testGroups))
        {
            final boolean[] isTest = new boolean[groups];
            final List<Integer> test = new ArrayList<>();
            for (final int g : tested)
            {
                isTest[g] = true;
                for (int i = from[g]; i < from[g + 1]; i++)
                {
                    test.add(i);
                }
            }
            final List<Integer> train = new ArrayList<>();
            int purged = 0;
            int embargoed = 0;
            for (int g = 0; g < groups; g++)
            {
                for (int j = from[g]; !isTest[g] && j < from[g + 1]; j++)
                {
                    boolean overlaps = false;
                    boolean embargo = false;
                    for (final int k : tested)
                    {
                        overlaps |= t1[j] >= t0[from[k]] && t0[j] <= spanEnd[k];
                        embargo |= t0[j] > spanEnd[k] && t0[j] <= spanEnd[k] + embargoNs;
                    }
                    if (overlaps)
                    {
                        purged++;
                    }
                    else if (embargo)
                    {
                        embargoed++;
                    }
                    else
                    {
                        train.add(j);
                    }
                }
            }
            splits.add(new GroupSplit(tested, new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray(), purged, embargoed)));
        }
        final int pathCount = splits.size() * testGroups / groups;
        final int[][] paths = new int[pathCount][groups];
        final int[] used = new int[groups];
        for (int s = 0; s < splits.size(); s++)
        {
            for (final int g : splits.get(s).testGroups())
            {
                paths[used[g]++][g] = s;
            }
        }
        return new Combinatorial(splits, paths);
    }
}
