package io.keel.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --days}: single days, ranges with open ends, the day of an event in the book's zone. */
class DayRangeTest
{
    @Test
    void shouldParseDayRanges()
    {
        final long aug1 = LocalDate.parse("2024-08-01").toEpochDay();
        final DayRange august = DayRange.parse("2024-08-01..2024-08-31");
        assertTrue(august.contains(aug1) && august.contains(aug1 + 30));
        assertFalse(august.contains(aug1 - 1) || august.contains(aug1 + 31));
        assertEquals(new DayRange(aug1 + 7, aug1 + 7), DayRange.parse("20240808"));
        assertTrue(DayRange.parse("..2024-08-01").contains(0) && !DayRange.parse("..2024-08-01").contains(aug1 + 1));
        assertTrue(DayRange.parse("2024-08-01..").contains(aug1 + 10_000));
        assertEquals("all", DayRange.parse("all").toString());
        final DayClock utc = new DayClock(java.time.ZoneOffset.UTC);
        assertEquals(aug1, utc.dayOf(aug1 * 86_400_000_000_000L + 86_399_999_999_999L));
        assertEquals(aug1, utc.dayOf((aug1 + 1) * 86_400_000_000_000L), "midnight closes the day before");
        assertEquals(aug1 + 1, utc.dayOf((aug1 + 1) * 86_400_000_000_000L + 1));
        assertEquals(-1, utc.dayOf(-1), "before 1970 rounds down");
        // New York: 00:01 UTC on the 2nd is 20:01 EDT on the 1st; 04:00 UTC is midnight EDT, closing the 1st
        final DayClock newYork = new DayClock(java.time.ZoneId.of("America/New_York"));
        final long aug2 = (aug1 + 1) * 86_400_000_000_000L;
        assertEquals(aug1, newYork.dayOf(aug2 + 60_000_000_000L));
        assertEquals(aug1, newYork.dayOf(aug2 + 4 * 3_600_000_000_000L));
        assertEquals(aug1 + 1, newYork.dayOf(aug2 + 4 * 3_600_000_000_000L + 1));
        assertEquals(aug1 - 1, newYork.dayOf(aug1 * 86_400_000_000_000L + 3_600_000_000_000L), "cached bounds move");
        assertThrows(IllegalArgumentException.class, () -> DayRange.parse("2024-02-30"));
        assertThrows(IllegalArgumentException.class, () -> DayRange.parse("2024-08-02..2024-08-01"));
    }
}
