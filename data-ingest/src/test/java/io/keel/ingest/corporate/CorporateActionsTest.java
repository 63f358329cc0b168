package io.keel.ingest.corporate;

import io.keel.core.TradingCalendar;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorporateActionsTest
{
    private static final TradingCalendar NYSE = TradingCalendar.of("NYSE");

    @Test
    void shouldFindAaplsSplitsWithTheirEffectiveDays() throws IOException
    {
        final FactorFile aapl = FactorFile.load(SharedData.require("lean-equity-usa/factor_files/aapl.csv"));
        assertEquals(List.of(new FactorFile.Split(LocalDate.of(2000, 6, 21), 2, 1),
            new FactorFile.Split(LocalDate.of(2005, 2, 28), 2, 1),
            new FactorFile.Split(LocalDate.of(2014, 6, 9), 7, 1),
            new FactorFile.Split(LocalDate.of(2020, 8, 31), 4, 1)), aapl.splits(NYSE));
    }

    @Test
    void shouldFindAigsReverseSplit() throws IOException
    {
        final FactorFile aig = FactorFile.load(SharedData.require("lean-equity-usa/factor_files/aig.csv"));
        assertTrue(aig.splits(NYSE).contains(new FactorFile.Split(LocalDate.of(2009, 7, 1), 1, 20)),
            aig.splits(NYSE).toString());
    }

    @Test
    void shouldAdjustRawPricesSoTheSevenForOneSplitDisappears() throws IOException
    {
        final FactorFile aapl = FactorFile.load(SharedData.require("lean-equity-usa/factor_files/aapl.csv"));
        final double before = 645.57 * aapl.adjustment(LocalDate.of(2014, 6, 6)); // last raw close before the split
        final double after = 93.70 * aapl.adjustment(LocalDate.of(2014, 6, 9));
        assertEquals(1.0, after / before, 0.05, before + " vs " + after);
    }

    @Test
    void shouldResolveTheQqqqEraFromTheMapFile() throws IOException
    {
        final MapFile qqq = MapFile.load(SharedData.require("lean-equity-usa/map_files/qqq.csv"));
        assertEquals("QQQ", qqq.tickerAt(LocalDate.of(2003, 1, 2)));
        assertEquals("QQQQ", qqq.tickerAt(LocalDate.of(2006, 1, 3)));
        assertEquals("QQQQ", qqq.tickerAt(LocalDate.of(2011, 3, 22)));
        assertEquals("QQQ", qqq.tickerAt(LocalDate.of(2011, 3, 23)));
    }

    @Test
    void shouldTurnFactorRatiosIntoSmallRationals()
    {
        assertArrayEquals(new long[] {7, 1}, FactorFile.rational(7.0000014));
        assertArrayEquals(new long[] {1, 20}, FactorFile.rational(0.05));
        assertArrayEquals(new long[] {3, 2}, FactorFile.rational(1.4999996));
        assertArrayEquals(new long[] {5, 4}, FactorFile.rational(1.25));
    }
}
