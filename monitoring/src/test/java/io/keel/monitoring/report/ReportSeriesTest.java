package io.keel.monitoring.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's series, on small cases worked by hand. */
class ReportSeriesTest
{
    private static final double[] EQUITY = {100, 110, 99, 105, 121, 110, 115, 130};

    @Test
    void shouldDrawTheUnderwaterCurveFromTheRunningPeak()
    {
        assertArrayEquals(new double[] {0, 0, 99 / 110.0 - 1, 105 / 110.0 - 1, 0, 110 / 121.0 - 1, 115 / 121.0 - 1,
            0}, ReportSeries.underwater(EQUITY), 1e-12);
    }

    @Test
    void shouldFindTheDeepestDrawdownEpisodesWithTroughAndRecovery()
    {
        final List<ReportSeries.Drawdown> worst = ReportSeries.worstDrawdowns(EQUITY, 5);
        assertEquals(2, worst.size());
        assertEquals(new ReportSeries.Drawdown(1, 2, 4, 1 - 99 / 110.0), worst.get(0));
        assertEquals(new ReportSeries.Drawdown(4, 5, 7, 1 - 110 / 121.0), worst.get(1));
        assertEquals(1, ReportSeries.worstDrawdowns(EQUITY, 1).size());
        assertEquals(List.of(new ReportSeries.Drawdown(0, 2, -1, 1 - 80 / 100.0)),
            ReportSeries.worstDrawdowns(new double[] {100, 90, 80, 85}, 5), "still under water at the end");
        assertTrue(ReportSeries.worstDrawdowns(new double[] {1, 2, 3}, 5).isEmpty());
    }

    @Test
    void shouldComputeMonthlyReturnsFromEachMonthsLastEquity()
    {
        final long[] days = {LocalDate.parse("2024-01-30").toEpochDay(), LocalDate.parse("2024-01-31").toEpochDay(),
            LocalDate.parse("2024-02-01").toEpochDay(), LocalDate.parse("2024-02-29").toEpochDay(),
            LocalDate.parse("2025-02-03").toEpochDay()};
        final List<double[]> months = ReportSeries.monthly(100, days, new double[] {101, 102, 100, 107.1, 96.39});
        assertEquals(3, months.size());
        assertArrayEquals(new double[] {2024, 1, 0.02}, months.get(0), 1e-12);
        assertArrayEquals(new double[] {2024, 2, 0.05}, months.get(1), 1e-12);
        assertArrayEquals(new double[] {2025, 2, -0.1}, months.get(2), 1e-12, "same month, another year");
    }

    @Test
    void shouldBinReturnsAndComputeARollingSharpe()
    {
        final double[][] h = ReportSeries.histogram(new double[] {0, 1, 2, 3, 4}, 2);
        assertArrayEquals(new double[] {0, 2, 4}, h[0], 1e-12);
        assertArrayEquals(new double[] {2, 3}, h[1], 1e-12, "the maximum falls in the last bin");
        final double[] sharpe = ReportSeries.rollingSharpe(new double[] {0.01, -0.01, 0.02, 0.0}, 2, 4);
        assertTrue(Double.isNaN(sharpe[0]));
        assertEquals(0, sharpe[1], 1e-12);
        assertEquals(0.005 / Math.sqrt(2 * 0.015 * 0.015) * 2, sharpe[2], 1e-12);
        assertEquals(0.01 / Math.sqrt(2 * 0.01 * 0.01) * 2, sharpe[3], 1e-12);
        assertArrayEquals(new double[] {0.1, -0.1}, ReportSeries.returns(new double[] {100, 110, 99}), 1e-12);
    }
}
