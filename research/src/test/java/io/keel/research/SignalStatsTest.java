package io.keel.research;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SignalStatsTest
{
    @Test
    void shouldRankTiesByTheirAverageRank()
    {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, SignalStats.ranks(new double[] {1, 5, 5, 9}, 4));
    }

    @Test
    void shouldComputeSpearmanAsPearsonOfRanks()
    {
        // worked example: x = 1..5, y = 2,1,4,3,5 -> d = -1,1,-1,1,0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, SignalStats.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}, 5), 1e-12);
        // monotone but non-linear: rank correlation 1
        assertEquals(1.0, SignalStats.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 64}, 4), 1e-12);
        assertEquals(Double.NaN, SignalStats.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 3));
    }

    @Test
    void shouldCountHitsOnlyWhereBothSidesHaveASign()
    {
        final double[] signal = {1, -1, 2, 0, 3};
        final double[] outcome = {5, -2, -1, 4, 0};
        assertEquals(2.0 / 3, SignalStats.hitRate(signal, outcome, 5), 1e-12);
    }

    @Test
    void shouldAverageOutcomesPerSignalQuantile()
    {
        final double[] signal = {5, 1, 4, 2, 3, 6};
        final double[] outcome = {50, 10, 40, 20, 30, 60};
        assertArrayEquals(new double[] {15, 35, 55}, SignalStats.quantileMeans(signal, outcome, 6, 3), 1e-12);
    }

    @Test
    void shouldMatchTheNormalTable()
    {
        assertEquals(1.959964, SignalStats.normalQuantile(0.975), 1e-6);
        assertEquals(-2.326348, SignalStats.normalQuantile(0.01), 1e-6);
        assertEquals(1.959964, SignalStats.bonferroniCritical(1), 1e-6);
        assertEquals(2.690110, SignalStats.bonferroniCritical(7), 1e-5);
        // t of r = 0.5 over 27 observations: 0.5 * sqrt(25 / 0.75) = 2.8868
        assertEquals(2.886751, SignalStats.tStatistic(0.5, 27), 1e-6);
    }
}
