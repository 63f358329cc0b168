package io.keel.sizing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HierarchicalRiskParityTest
{
    private static double[][] covariance(final double[] vols, final double[][] correlation)
    {
        final double[][] c = new double[vols.length][vols.length];
        for (int i = 0; i < vols.length; i++)
        {
            for (int j = 0; j < vols.length; j++)
            {
                c[i][j] = correlation[i][j] * vols[i] * vols[j];
            }
        }
        return c;
    }

    @Test
    void shouldMatchTheWorkedExample()
    {
        // Two pairs, correlated 0.9 inside and 0 across; listed interleaved so the clustering has to find them.
        // Order: A (vol 0.1), C (0.1), B (0.2), D (0.1); pairs {A, B} and {C, D}.
        // {A, B} at inverse-variance weights (0.8, 0.2): 0.64 x 0.01 + 0.04 x 0.04 + 2 x 0.16 x 0.9 x 0.02 = 0.01376
        // {C, D} at (0.5, 0.5): 0.25 x 0.01 x 2 + 2 x 0.25 x 0.9 x 0.01 = 0.0095
        // {A, B} gets 1 - 0.01376 / 0.02326 = 0.408426, split 0.8 / 0.2 (variances 0.01 vs 0.04);
        // {C, D} gets 0.591574, split evenly.
        final double[][] rho = {
            {1, 0, 0.9, 0},
            {0, 1, 0, 0.9},
            {0.9, 0, 1, 0},
            {0, 0.9, 0, 1}};
        final double[] w = HierarchicalRiskParity.weights(covariance(new double[] {0.1, 0.1, 0.2, 0.1}, rho));
        final double ab = 1 - 0.01376 / (0.01376 + 0.0095);
        assertArrayEquals(new double[] {0.8 * ab, (1 - ab) / 2, 0.2 * ab, (1 - ab) / 2}, w, 1e-12);
        final List<Integer> order = HierarchicalRiskParity.order(covariance(new double[] {0.1, 0.1, 0.2, 0.1}, rho));
        assertEquals(Math.abs(order.indexOf(0) - order.indexOf(2)), 1, "the pairs sit side by side: " + order);
    }

    @Property
    void shouldBeTheInverseVariancePortfolioWhenUncorrelated(
        @ForAll @Size(min = 1, max = 9) final List<@DoubleRange(min = 0.05, max = 1.5) Double> vols)
    {
        final int n = vols.size();
        final double[][] c = new double[n][n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            c[i][i] = vols.get(i) * vols.get(i);
            sum += 1 / c[i][i];
        }
        final double[] w = HierarchicalRiskParity.weights(c);
        for (int i = 0; i < n; i++)
        {
            assertEquals(1 / c[i][i] / sum, w[i], 1e-9);
        }
    }

    @Property
    void shouldGivePositiveWeightsSummingToOne(
        @ForAll @Size(min = 2, max = 8) final List<@DoubleRange(min = 0.05, max = 1.5) Double> vols,
        @ForAll @DoubleRange(min = -0.2, max = 0.95) final double commonCorrelation)
    {
        final int n = vols.size();
        final double[][] rho = new double[n][n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                rho[i][j] = i == j ? 1 : commonCorrelation * (i % 2 == j % 2 ? 1 : 0.5);
            }
        }
        final double[] w = HierarchicalRiskParity.weights(
            covariance(vols.stream().mapToDouble(Double::doubleValue).toArray(), rho));
        double total = 0;
        for (final double x : w)
        {
            assertTrue(x > 0, java.util.Arrays.toString(w));
            total += x;
        }
        assertEquals(1, total, 1e-9);
    }

    @Test
    void shouldRejectANonSquareOrZeroVarianceMatrix()
    {
        assertThrows(IllegalArgumentException.class, () -> HierarchicalRiskParity.weights(new double[][] {{1, 0}}));
        assertThrows(IllegalArgumentException.class,
            () -> HierarchicalRiskParity.weights(new double[][] {{1, 0}, {0, 0}}));
    }
}
