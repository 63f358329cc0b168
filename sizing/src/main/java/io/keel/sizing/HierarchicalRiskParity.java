package io.keel.sizing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hierarchical risk parity (López de Prado, 2016): cross-instrument weights from a covariance matrix without
 * inverting it.
 * <ol>
 *   <li>distance {@code d_ij = sqrt((1 - rho_ij) / 2)} from the correlations;</li>
 *   <li>single-linkage agglomerative clustering on that distance;</li>
 *   <li>quasi-diagonalisation: the leaves in the order of the cluster tree, so that similar instruments sit side by
 *       side;</li>
 *   <li>recursive bisection of that order: each half's variance is taken at inverse-variance weights inside it, and
 *       the halves share their parent's weight in inverse proportion to it.</li>
 * </ol>
 * With uncorrelated instruments the result is the inverse-variance portfolio. Weights are positive and sum to 1.
 * Off the hot path (allocates): meant for periodic rebalancing of the swing modes.
 */
public final class HierarchicalRiskParity
{
    private HierarchicalRiskParity()
    {
    }

    /**
     * @param covariance a symmetric covariance matrix with positive variances.
     * @return the weight of each instrument, in the matrix's order.
     */
    public static double[] weights(final double[][] covariance)
    {
        final int n = covariance.length;
        for (int i = 0; i < n; i++)
        {
            if (covariance[i].length != n || !(covariance[i][i] > 0))
            {
                throw new IllegalArgumentException("covariance must be square with positive variances; row " + i);
            }
        }
        final double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        bisect(covariance, order(covariance), weights);
        return weights;
    }

    /** @return the instruments in the leaf order of the single-linkage cluster tree. */
    static List<Integer> order(final double[][] covariance)
    {
        final int n = covariance.length;
        final List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        while (clusters.size() > 1)
        {
            int bestA = 0;
            int bestB = 1;
            double best = Double.MAX_VALUE;
            for (int a = 0; a < clusters.size(); a++)
            {
                for (int b = a + 1; b < clusters.size(); b++)
                {
                    final double d = linkage(covariance, clusters.get(a), clusters.get(b));
                    if (d < best)
                    {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            final List<Integer> merged = clusters.get(bestA); // the tree's leaf order: left subtree, then right
            merged.addAll(clusters.remove(bestB));
        }
        return clusters.get(0);
    }

    private static double linkage(final double[][] covariance, final List<Integer> a, final List<Integer> b)
    {
        double min = Double.MAX_VALUE;
        for (final int i : a)
        {
            for (final int j : b)
            {
                final double rho = covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
                min = Math.min(min, Math.sqrt(Math.max(0, (1 - rho) / 2)));
            }
        }
        return min;
    }

    private static void bisect(final double[][] covariance, final List<Integer> items, final double[] weights)
    {
        if (items.size() < 2)
        {
            return;
        }
        final List<Integer> left = items.subList(0, items.size() / 2);
        final List<Integer> right = items.subList(items.size() / 2, items.size());
        final double leftVariance = clusterVariance(covariance, left);
        final double rightVariance = clusterVariance(covariance, right);
        final double alpha = 1 - leftVariance / (leftVariance + rightVariance);
        for (final int i : left)
        {
            weights[i] *= alpha;
        }
        for (final int i : right)
        {
            weights[i] *= 1 - alpha;
        }
        bisect(covariance, left, weights);
        bisect(covariance, right, weights);
    }

    /** @return the variance of the cluster held at inverse-variance weights. */
    static double clusterVariance(final double[][] covariance, final List<Integer> cluster)
    {
        double sum = 0;
        for (final int i : cluster)
        {
            sum += 1 / covariance[i][i];
        }
        double variance = 0;
        for (final int i : cluster)
        {
            for (final int j : cluster)
            {
                variance += (1 / covariance[i][i] / sum) * (1 / covariance[j][j] / sum) * covariance[i][j];
            }
        }
        return variance;
    }
}
