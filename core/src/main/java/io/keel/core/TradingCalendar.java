package io.keel.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When an instrument trades. {@code CRYPTO_24_7} always; {@code NYSE} regular sessions 09:30-16:00
 * America/New_York on weekdays. Exchange holidays and half days arrive with the market-data issue; until then every
 * weekday is a full session. Allocates (java.time): call it per session boundary, not per event.
 */
public final class TradingCalendar
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    private final boolean alwaysOpen;

    private TradingCalendar(final boolean alwaysOpen)
    {
        this.alwaysOpen = alwaysOpen;
    }

    /** @return the calendar for an id: CRYPTO_24_7 or NYSE. */
    public static TradingCalendar of(final String calendarId)
    {
        return switch (calendarId)
        {
            case "CRYPTO_24_7" -> new TradingCalendar(true);
            case "NYSE" -> new TradingCalendar(false);
            default -> throw new IllegalArgumentException("unknown calendar " + calendarId);
        };
    }

    /** @return true when the market is in its regular session at {@code epochNs}. */
    public boolean isOpen(final long epochNs)
    {
        if (alwaysOpen)
        {
            return true;
        }
        final ZonedDateTime t = Instant.ofEpochSecond(0, epochNs).atZone(NEW_YORK);
        final DayOfWeek day = t.getDayOfWeek();
        final LocalTime time = t.toLocalTime();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !time.isBefore(OPEN) && time.isBefore(CLOSE);
    }

    /** @return the end of the session open at {@code epochNs} (exclusive), or Long.MAX_VALUE when always open. */
    public long sessionEndNs(final long epochNs)
    {
        if (alwaysOpen)
        {
            return Long.MAX_VALUE;
        }
        final LocalDate date = Instant.ofEpochSecond(0, epochNs).atZone(NEW_YORK).toLocalDate();
        return toNs(date.atTime(CLOSE).atZone(NEW_YORK));
    }

    /** @return {@code epochNs} if open, else the start of the next regular session. */
    public long nextOpenNs(final long epochNs)
    {
        if (isOpen(epochNs))
        {
            return epochNs;
        }
        final ZonedDateTime t = Instant.ofEpochSecond(0, epochNs).atZone(NEW_YORK);
        LocalDate date = t.toLocalDate();
        if (!t.toLocalTime().isBefore(OPEN))
        {
            date = date.plusDays(1);
        }
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY)
        {
            date = date.plusDays(1);
        }
        return toNs(date.atTime(OPEN).atZone(NEW_YORK));
    }

    private static long toNs(final ZonedDateTime t)
    {
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
