package io.keel.app.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --days}: single days, ranges with open ends, the UTC day of an event. */
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
        assertEquals(aug1, DayRange.dayOf(aug1 * 86_400_000_000_000L + 86_399_999_999_999L));
        assertEquals(-1, DayRange.dayOf(-1), "before 1970 rounds down");
        assertThrows(IllegalArgumentException.class, () -> DayRange.parse("2024-02-30"));
        assertThrows(IllegalArgumentException.class, () -> DayRange.parse("2024-08-02..2024-08-01"));
    }
}
