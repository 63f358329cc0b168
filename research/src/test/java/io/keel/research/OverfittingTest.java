package io.keel.research;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deflated Sharpe, PBO and CPCV against the literature's worked examples and cases worked by hand. */
class OverfittingTest
{
    /**
     * Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", numerical example: 100 trials whose annualised
     * Sharpe ratios vary with variance 1/2, the best at 2.5 annualised over five years of daily returns (1,250 at 250
     * a year), skewness -3, kurtosis 10. The paper finds the expected maximum near 1.79 annualised and DSR 0.9004:
     * not significant at 95 % despite a Sharpe of 2.5.
     */
    @Test
    void shouldReproduceTheDeflatedSharpeRatioPapersNumericalExample()
    {
        final double perYear = Math.sqrt(250);
        assertEquals(1.7894, Overfitting.expectedMaxSharpe(0.5, 100), 1e-4, "annualised expected maximum");
        final double dsr = Overfitting.deflatedSharpe(2.5 / perYear, 1250, -3, 10, 0.5 / 250, 100);
        assertEquals(0.9004, dsr, 1e-4);
        // more trials, same result: less likely to be skill; one trial: the PSR against zero
        assertTrue(Overfitting.deflatedSharpe(2.5 / perYear, 1250, -3, 10, 0.5 / 250, 1000) < dsr);
        assertEquals(Overfitting.probabilisticSharpe(2.5 / perYear, 0, 1250, -3, 10),
            Overfitting.deflatedSharpe(2.5 / perYear, 1250, -3, 10, 0.5 / 250, 1), 1e-15);
        // normal returns, a Sharpe equal to the benchmark: even odds
        assertEquals(0.5, Overfitting.probabilisticSharpe(0.1, 0.1, 500, 0, 3), 1e-12);
    }

    @Test
    void shouldComputeTheMomentsOfAReturnSeries()
    {
        final Overfitting.Moments m = Overfitting.moments(new double[] {1, 2, 3, 4, 10});
        assertEquals(4, m.mean(), 1e-12);
        assertEquals(Math.sqrt(50 / 4.0), m.std(), 1e-12);
        // central moments /n: m2 = 10, m3 = (-27 - 8 - 1 + 0 + 216) / 5 = 36, m4 = (81 + 16 + 1 + 0 + 1296) / 5
        assertEquals(36 / Math.pow(10, 1.5), m.skew(), 1e-12);
        assertEquals(278.8 / 100, m.kurtosis(), 1e-12);
    }

    /**
     * Worked by hand: two trials, four observations, two blocks. In-sample on block 0 the second trial wins (Sharpe
     * 1.41 against 0.71) and is last out of sample (-0.71 against 0); in-sample on block 1 the first wins (0 against
     * -0.71) and is last out of sample (0.71 against 1.41). Both times the selection is below the median: PBO 1,
     * each logit ln((1 / 3) / (2 / 3)).
     */
    @Test
    void shouldFindEveryInSampleWinnerLosingOutOfSampleAsCertainOverfitting()
    {
        final double[][] returns = {{0.02, 0.00, -0.01, 0.01}, {0.001, 0.003, -0.02, 0.00}};
        final Overfitting.Pbo pbo = Overfitting.pbo(returns, 2);
        assertEquals(2, pbo.combinations());
        assertEquals(1.0, pbo.probability());
        assertArrayEquals(new double[] {Math.log(0.5), Math.log(0.5)}, pbo.logits(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2), 0}, pbo.inSample(), 1e-9);
        assertArrayEquals(new double[] {-Math.sqrt(0.5), Math.sqrt(0.5)}, pbo.outOfSample(), 1e-9);
        assertEquals(0.5, pbo.probabilityOfLoss());
        // swapped out-of-sample halves: the winner stays the winner
        final double[][] honest = {{0.02, 0.00, -0.02, 0.00}, {0.001, 0.003, -0.01, 0.01}};
        assertEquals(0.0, Overfitting.pbo(honest, 2).probability());
    }

    @Test
    void shouldFindNoiseOverfitAboutHalfTheTimeAndARealEdgeAlmostNever()
    {
        final Random random = new Random(7);
        final double[][] noise = new double[40][1000];
        for (final double[] trial : noise)
        {
            for (int t = 0; t < trial.length; t++)
            {
                trial[t] = random.nextGaussian() * 0.01;
            }
        }
        final Overfitting.Pbo lucky = Overfitting.pbo(noise, 16);
        assertEquals(12_870, lucky.combinations(), "C(16, 8), as in the paper");
        assertTrue(lucky.probability() > 0.3 && lucky.probability() < 0.7, "noise: " + lucky.probability());
        noise[17] = Arrays.stream(noise[17]).map(r -> r + 0.003).toArray(); // a Sharpe of 0.3 a day
        final Overfitting.Pbo skill = Overfitting.pbo(noise, 16);
        assertTrue(skill.probability() < 0.01, "a real edge: " + skill.probability());
        assertEquals(0.0, skill.probabilityOfLoss());
        assertThrows(IllegalArgumentException.class, () -> Overfitting.pbo(noise, 3));
    }

    /**
     * López de Prado, AFML ch. 12: N = 6 groups, k = 2 tested: C(6, 2) = 15 splits and k/N C(6, 2) = 5 backtest
     * paths, each group out of sample in 5 splits; N = 10, k = 2 gives 45 splits and 9 paths.
     */
    @Test
    void shouldBuildTheCombinatorialSplitsAndPathsOfTheBook()
    {
        final int n = 60;
        final long[] t0 = new long[n];
        final long[] t1 = new long[n];
        for (int i = 0; i < n; i++)
        {
            t0[i] = i;
            t1[i] = i + 2; // each label spans three samples
        }
        final PurgedSplits.Combinatorial cpcv = PurgedSplits.combinatorial(t0, t1, 6, 2, 3);
        assertEquals(15, cpcv.splits().size());
        assertEquals(5, cpcv.paths().length);
        final Set<String> used = new HashSet<>();
        for (final int[] path : cpcv.paths())
        {
            for (int g = 0; g < 6; g++)
            {
                final PurgedSplits.GroupSplit s = cpcv.splits().get(path[g]);
                final int group = g;
                assertTrue(Arrays.stream(s.testGroups()).anyMatch(x -> x == group), "the path's split tests the group");
                assertTrue(used.add(path[g] + ":" + g), "each split's test of a group is in one path");
            }
        }
        assertEquals(30, used.size(), "15 splits x 2 tested groups");
        // ten samples a group, labels [i, i + 2]. Split 0 tests groups 0 and 1 (samples 0-19, label span up to 21):
        // samples 20 and 21 start inside that span (purged), 22-24 within the 3 after it (embargoed)
        final PurgedSplits.GroupSplit first = cpcv.splits().get(0);
        assertArrayEquals(new int[] {0, 1}, first.testGroups());
        assertEquals(20, first.split().test().length);
        assertEquals(2, first.split().purged());
        assertEquals(3, first.split().embargoed());
        assertEquals(25, first.split().train()[0]);
        assertEquals(35, first.split().train().length);
        // testing groups 2 (span 20-31) and 4 (span 40-51): purged 18, 19, 30, 31 and 38, 39, 50, 51 (labels
        // reaching in, or starting inside); embargoed 32-34 and 52-54
        final PurgedSplits.GroupSplit middle = cpcv.splits().stream().filter(s -> Arrays.equals(s.testGroups(),
            new int[] {2, 4})).findFirst().orElseThrow();
        assertEquals(8, middle.split().purged());
        assertEquals(6, middle.split().embargoed());
        assertEquals(60 - 20 - 8 - 6, middle.split().train().length);
        assertEquals(45, PurgedSplits.combinatorial(t0, t1, 10, 2, 0).splits().size());
        assertEquals(9, PurgedSplits.combinatorial(t0, t1, 10, 2, 0).paths().length);
    }
}
