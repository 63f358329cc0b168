package io.keel.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * When an instrument trades. {@code CRYPTO_24_7}: always. {@code NYSE}: regular sessions 09:30-16:00
 * America/New_York on weekdays, closed on the exchange holidays computed from their rules for any year (New Year,
 * Martin Luther King Jr. Day from 1998, Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022,
 * Independence Day, Labor Day, Thanksgiving, Christmas, with the weekend-observance rules) and on the unscheduled
 * closures listed in {@link #SPECIAL_CLOSURES}; closing at 13:00 on July 3, the day after Thanksgiving and
 * December 24 when those are regular weekdays. Allocates (java.time): call it per session boundary, not per event.
 */
public final class TradingCalendar
{
    /** Unscheduled full-day closures since 1998 (national days of mourning, 9/11, Hurricane Sandy). */
    public static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
        LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13), LocalDate.of(2001, 9, 14),
        LocalDate.of(2004, 6, 11), LocalDate.of(2007, 1, 2), LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30),
        LocalDate.of(2018, 12, 5), LocalDate.of(2025, 1, 9));

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

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

    /** @return true for a market that never closes (crypto). */
    public boolean isAlwaysOpen()
    {
        return alwaysOpen;
    }

    /** @return the zone the exchange's dates are in: UTC for crypto, New York for NYSE. */
    public ZoneId zone()
    {
        return alwaysOpen ? java.time.ZoneOffset.UTC : NEW_YORK;
    }

    /** @return true when {@code date} (exchange local date) has a session. */
    public boolean isTradingDay(final LocalDate date)
    {
        if (alwaysOpen)
        {
            return true;
        }
        final DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date) &&
            !SPECIAL_CLOSURES.contains(date);
    }

    /** @return the session's closing time on a trading day, exchange local time (13:00 on half days). */
    public LocalTime closeTime(final LocalDate date)
    {
        return isEarlyClose(date) ? EARLY_CLOSE : CLOSE;
    }

    /** @return true when the market is in its regular session at {@code epochNs}. */
    public boolean isOpen(final long epochNs)
    {
        if (alwaysOpen)
        {
            return true;
        }
        final ZonedDateTime t = Instant.ofEpochSecond(0, epochNs).atZone(NEW_YORK);
        final LocalDate date = t.toLocalDate();
        final LocalTime time = t.toLocalTime();
        return isTradingDay(date) && !time.isBefore(OPEN) && time.isBefore(closeTime(date));
    }

    /** @return the end of the session open at {@code epochNs} (exclusive), or Long.MAX_VALUE when always open. */
    public long sessionEndNs(final long epochNs)
    {
        if (alwaysOpen)
        {
            return Long.MAX_VALUE;
        }
        final LocalDate date = Instant.ofEpochSecond(0, epochNs).atZone(NEW_YORK).toLocalDate();
        return toNs(date.atTime(closeTime(date)).atZone(NEW_YORK));
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
        while (!isTradingDay(date))
        {
            date = date.plusDays(1);
        }
        return toNs(date.atTime(OPEN).atZone(NEW_YORK));
    }

    /** @return true when {@code date} is an NYSE holiday by rule (weekend observance applied). */
    static boolean isHoliday(final LocalDate date)
    {
        final int year = date.getYear();
        return date.equals(observedNewYear(year)) ||
            (year >= 1998 && date.equals(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3))) ||
            date.equals(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3)) ||
            date.equals(easterSunday(year).minusDays(2)) ||
            date.equals(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))) ||
            (year >= 2022 && date.equals(observed(LocalDate.of(year, Month.JUNE, 19)))) ||
            date.equals(observed(LocalDate.of(year, Month.JULY, 4))) ||
            date.equals(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)) ||
            date.equals(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)) ||
            date.equals(observed(LocalDate.of(year, Month.DECEMBER, 25)));
    }

    private static boolean isEarlyClose(final LocalDate date)
    {
        final int year = date.getYear();
        final DayOfWeek day = date.getDayOfWeek();
        final boolean weekdayMonToThu = day.getValue() <= DayOfWeek.THURSDAY.getValue();
        return (date.equals(LocalDate.of(year, Month.JULY, 3)) && weekdayMonToThu) ||
            date.equals(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1)) ||
            (date.equals(LocalDate.of(year, Month.DECEMBER, 24)) && weekdayMonToThu);
    }

    /** New Year's Day; on a Sunday it moves to Monday, on a Saturday it is not observed (NYSE Rule 7.2). */
    private static LocalDate observedNewYear(final int year)
    {
        final LocalDate day = LocalDate.of(year, Month.JANUARY, 1);
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }

    /** A fixed-date holiday on a Saturday is observed Friday, on a Sunday the Monday. */
    private static LocalDate observed(final LocalDate day)
    {
        return switch (day.getDayOfWeek())
        {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
    }

    private static LocalDate nth(final int year, final Month month, final DayOfWeek dayOfWeek, final int n)
    {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dayOfWeek));
    }

    /** Western Easter Sunday (anonymous Gregorian algorithm). */
    static LocalDate easterSunday(final int year)
    {
        final int a = year % 19;
        final int b = year / 100;
        final int c = year % 100;
        final int d = b / 4;
        final int e = b % 4;
        final int f = (b + 8) / 25;
        final int g = (b - f + 1) / 3;
        final int h = (19 * a + b - d - g + 15) % 30;
        final int i = c / 4;
        final int k = c % 4;
        final int l = (32 + 2 * e + 2 * i - h - k) % 7;
        final int m = (a + 11 * h + 22 * l) / 451;
        final int month = (h + l - 7 * m + 114) / 31;
        final int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static long toNs(final ZonedDateTime t)
    {
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
