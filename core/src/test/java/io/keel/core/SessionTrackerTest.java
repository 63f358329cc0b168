package io.keel.core;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTrackerTest
{
    private static long ny(final int year, final int month, final int day, final int hour, final int minute)
    {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(ZoneId.of("America/New_York")).toEpochSecond() *
            1_000_000_000L;
    }

    @Test
    void shouldAllowOrdersOnlyInRegularSessionsUnlessExtendedHours()
    {
        final SessionTracker regular = new SessionTracker(TradingCalendar.of("NYSE"), false);
        assertFalse(regular.isOpen(ny(2014, 6, 9, 4, 0)), "pre-market");
        assertFalse(regular.isOpen(ny(2014, 6, 9, 9, 29)));
        assertTrue(regular.isOpen(ny(2014, 6, 9, 9, 30)));
        assertTrue(regular.isOpen(ny(2014, 6, 9, 15, 59)));
        assertFalse(regular.isOpen(ny(2014, 6, 9, 16, 0)), "post-market");
        assertFalse(regular.isOpen(ny(2014, 7, 4, 11, 0)), "Independence Day");
        assertTrue(regular.isOpen(ny(2014, 7, 3, 12, 59)));
        assertFalse(regular.isOpen(ny(2014, 7, 3, 13, 0)), "half day");
        assertTrue(regular.isOpen(ny(2014, 7, 7, 10, 0)));

        final SessionTracker extended = new SessionTracker(TradingCalendar.of("NYSE"), true);
        assertTrue(extended.isOpen(ny(2014, 6, 9, 4, 0)));
        assertTrue(new SessionTracker(TradingCalendar.of("CRYPTO_24_7"), false).isOpen(ny(2014, 7, 4, 3, 0)));
    }
}
