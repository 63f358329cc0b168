package io.keel.sizing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoricalVarTest
{
    private static final long SECOND = 1_000_000_000L;

    /** Feeds 20 one-second returns: 18 of +1 %, one of -2 %, one of -5 %; instrument 1 moves the opposite way. */
    private static HistoricalVar history(final long horizonNs)
    {
        final HistoricalVar var = new HistoricalVar(2, 20, SECOND, horizonNs, 0.95);
        double a = 100;
        double b = 100;
        var.onMid(0, 0, a);
        var.onMid(1, 0, b);
        for (int k = 1; k <= 20; k++)
        {
            final double r = k == 7 ? -0.02 : k == 15 ? -0.05 : 0.01;
            a *= 1 + r;
            b *= 1 - r;
            var.onMid(0, k * SECOND, a);
            var.onMid(1, k * SECOND, b);
        }
        var.onMid(0, 21 * SECOND, a); // the instant that samples the last return
        return var;
    }

    @Test
    void shouldTakeTheLossAtTheConfidenceQuantileOfPastScenarios()
    {
        final HistoricalVar var = history(SECOND);
        assertEquals(20, var.scenarios());
        // long 1,000: losses -10 x 18, 20, 50; the 95 % quantile of 20 scenarios is the 19th smallest: 20
        assertEquals(20.0, var.valueAtRisk(new double[] {1_000, 0}), 1e-9);
        // short 1,000: losses 10 x 18, -20, -50: 10
        assertEquals(10.0, var.valueAtRisk(new double[] {-1_000, 0}), 1e-9);
        assertEquals(0.0, var.valueAtRisk(new double[] {1_000, 1_000}), 1e-9, "a perfect hedge has no VaR");
    }

    @Test
    void shouldMeasureTheCovarianceOfTheReturnWindow()
    {
        final HistoricalVar var = history(SECOND);
        final double[][] covariance = new double[2][2];
        assertTrue(var.covariance(covariance));
        // returns: 18 x 0.01, -0.02, -0.05: mean 0.0055; sum of squared deviations 0.00409 -> variance / 19
        final double variance = (18 * 0.0045 * 0.0045 + 0.0255 * 0.0255 + 0.0555 * 0.0555) / 19;
        assertEquals(variance, covariance[0][0], 1e-15);
        assertEquals(variance, covariance[1][1], 1e-15);
        assertEquals(-variance, covariance[0][1], 1e-15, "instrument 1 mirrors instrument 0");
        assertEquals(covariance[0][1], covariance[1][0]);
        assertEquals(20, var.samples(), "one return per interval after the first mid");
    }

    @Test
    void shouldScaleToTheHorizonAndWaitForEnoughHistory()
    {
        assertEquals(40.0, history(4 * SECOND).valueAtRisk(new double[] {1_000, 0}), 1e-9, "sqrt(4) x 20");
        final HistoricalVar young = new HistoricalVar(1, 20, SECOND, SECOND, 0.99);
        young.onMid(0, 0, 100);
        young.onMid(0, 5 * SECOND, 101);
        assertTrue(Double.isNaN(young.valueAtRisk(new double[] {1_000})), "too little history to say");
        assertThrows(IllegalArgumentException.class, () -> new HistoricalVar(1, 5, SECOND, SECOND, 0.99));
    }

    @net.jqwik.api.Property
    void shouldSelectTheSameElementAsASort(
        @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(min = 1, max = 300) final java.util.List<
            @net.jqwik.api.constraints.DoubleRange(min = -1e6, max = 1e6) Double> values,
        @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 0.99) final double quantile)
    {
        final double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        final double[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        final int k = (int)(quantile * a.length);
        assertEquals(sorted[k], HistoricalVar.select(a, a.length, k));
    }
}
