package io.keel.monitoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistics checked against small series worked by hand. */
class PerformanceStatsTest
{
    private static final double EPS = 1e-12;

    @Test
    void shouldComputeReturnRatiosAndDrawdownOfAWorkedSeries()
    {
        // returns +10 %, -10 %, +10 %: mean 1/30, sample sd sqrt(((2/30)^2 * 2 + (4/30)^2) / 2) = sqrt(0.01333..)
        final double[] equity = {100, 110, 99, 108.9};
        final PerformanceStats s = PerformanceStats.of(equity, new double[] {10, -11, 9.9}, 252);
        final double mean = 0.1 / 3;
        final double sd = Math.sqrt((2 * Math.pow(0.1 - mean, 2) + Math.pow(-0.1 - mean, 2)) / 2);
        assertEquals(3, s.days());
        assertEquals(0.089, s.totalReturn(), EPS);
        assertEquals(sd * Math.sqrt(252), s.volatility(), EPS);
        assertEquals(mean / sd * Math.sqrt(252), s.sharpe(), EPS);
        // downside deviation: sqrt((0.01) / 3)
        assertEquals(mean * Math.sqrt(252) / Math.sqrt(0.01 / 3), s.sortino(), EPS);
        assertEquals(0.1, s.maxDrawdown(), EPS, "110 -> 99");
        assertEquals(2, s.maxDrawdownDays(), "from day 1's peak, not regained by the end (day 3)");
        assertEquals(Math.pow(1.089, 252.0 / 3) - 1, s.cagr(), 1e-9);
        assertEquals(s.cagr() / 0.1, s.calmar(), 1e-9);
        assertEquals(2.0 / 3, s.winRate(), EPS);
        assertEquals(19.9 / 11, s.profitFactor(), EPS);
        assertEquals((19.9 - 11) / 3, s.expectancy(), EPS);
        assertEquals(9.95, s.averageWin(), EPS);
        assertEquals(-11, s.averageLoss(), EPS);
    }

    @Test
    void shouldMeasureTheLongestDrawdownUntilThePeakIsRegained()
    {
        final double[] equity = {100, 90, 95, 100, 120, 100, 130};
        final PerformanceStats s = PerformanceStats.of(equity, new double[0], 365);
        assertEquals(3, s.maxDrawdownDays(), "day 0's peak regained on day 3; day 4's on day 6 (2 days)");
        assertEquals(0, PerformanceStats.of(new double[] {1, 2, 3}, new double[0], 252).maxDrawdownDays(),
            "a rising line has no drawdown");
        assertEquals(1 - 100.0 / 120, s.maxDrawdown(), EPS);
        assertTrue(Double.isNaN(s.winRate()) && Double.isNaN(s.profitFactor()), "no trades: NaN, not 0");
    }

    @Test
    void shouldGiveNaNRatherThanInfinityForAFlatLine()
    {
        final PerformanceStats s = PerformanceStats.of(new double[] {100, 100, 100}, new double[0], 252);
        assertEquals(0, s.volatility());
        assertTrue(Double.isNaN(s.sharpe()) && Double.isNaN(s.sortino()) && Double.isNaN(s.calmar()));
        assertThrows(IllegalArgumentException.class, () -> PerformanceStats.of(new double[] {100}, new double[0],
            252));
    }
}
