package io.keel.research;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PurgedSplitsTest
{
    // ten samples one unit apart whose labels span two units: [0,2], [1,3], ..., [9,11]
    private final long[] t0 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private final long[] t1 = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void shouldPurgeOverlappingLabelsAndEmbargoTheSamplesAfterTheTestFold()
    {
        final List<PurgedSplits.Split> splits = PurgedSplits.purgedKFold(t0, t1, 5, 1);
        assertEquals(5, splits.size());
        final PurgedSplits.Split third = splits.get(2); // tests samples 4 and 5: span [4, 7]
        assertArrayEquals(new int[] {4, 5}, third.test());
        // 2 ([2,4]) and 3 ([3,5]) end inside the test span; 6 and 7 start inside it: purged. 8 starts within the
        // embargo (7, 8]: dropped. 0, 1 and 9 are clean.
        assertArrayEquals(new int[] {0, 1, 9}, third.train());
        assertEquals(4, third.purged());
        assertEquals(1, third.embargoed());
        final PurgedSplits.Split last = splits.get(4); // tests 8 and 9: nothing after it to embargo
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, last.train());
        assertEquals(2, last.purged());
        assertEquals(0, last.embargoed());
    }

    @Test
    void shouldWalkForwardTrainingOnlyOnThePastWhoseLabelsEndedBeforeTheTest()
    {
        final List<PurgedSplits.Split> splits = PurgedSplits.walkForward(t0, t1, 4);
        assertEquals(4, splits.size());
        final PurgedSplits.Split second = splits.get(1);
        assertArrayEquals(new int[] {4, 5}, second.test());
        assertArrayEquals(new int[] {0, 1}, second.train()); // 2 and 3 would see the test period's prices
        assertEquals(2, second.purged());
        for (final PurgedSplits.Split split : splits)
        {
            for (final int train : split.train())
            {
                for (final int test : split.test())
                {
                    assertEquals(true, t1[train] < t0[test], "train label ends before every test sample");
                }
            }
        }
    }

    @Test
    void shouldRefuseSamplesOutOfTimeOrder()
    {
        assertThrows(IllegalArgumentException.class,
            () -> PurgedSplits.purgedKFold(new long[] {0, 2, 1}, new long[] {1, 3, 2}, 2, 0));
    }
}
