package io.keel.core;

import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCalendarTest
{
    private final TradingCalendar nyse = TradingCalendar.of("NYSE");

    private List<LocalDate> closedWeekdays(final int year)
    {
        final List<LocalDate> closed = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1))
        {
            if (d.getDayOfWeek().getValue() <= 5 && !nyse.isTradingDay(d))
            {
                closed.add(d);
            }
        }
        return closed;
    }

    @Test
    void shouldMatchThePublishedNyseHolidaysAndHalfDays()
    {
        assertEquals(List.of("2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19",
            "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"),
            closedWeekdays(2024).stream().map(LocalDate::toString).toList());
        assertEquals(List.of("2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
            "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"),
            closedWeekdays(2025).stream().map(LocalDate::toString).toList());
        assertEquals(List.of("2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19",
            "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"),
            closedWeekdays(2026).stream().map(LocalDate::toString).toList(), "July 4 on a Saturday: Friday closed");
        assertEquals(LocalTime.of(13, 0), nyse.closeTime(LocalDate.of(2024, 7, 3)));
        assertEquals(LocalTime.of(13, 0), nyse.closeTime(LocalDate.of(2024, 11, 29)));
        assertEquals(LocalTime.of(13, 0), nyse.closeTime(LocalDate.of(2024, 12, 24)));
        assertEquals(LocalTime.of(16, 0), nyse.closeTime(LocalDate.of(2021, 12, 23)));
        assertEquals(LocalTime.of(16, 0), nyse.closeTime(LocalDate.of(2022, 7, 1)), "July 4 on a Monday: no half day");
    }

    @Test
    void shouldCloseAtOneOnHalfDaysAndSkipHolidaysToTheNextOpen()
    {
        final ZoneId ny = ZoneId.of("America/New_York");
        final long halfDay1230 = ns(LocalDate.of(2024, 11, 29).atTime(12, 30).atZone(ny).toInstant().toEpochMilli());
        final long halfDay1330 = ns(LocalDate.of(2024, 11, 29).atTime(13, 30).atZone(ny).toInstant().toEpochMilli());
        assertTrue(nyse.isOpen(halfDay1230));
        assertFalse(nyse.isOpen(halfDay1330));
        final long thanksgivingNoon = ns(LocalDate.of(2024, 11, 28).atTime(12, 0).atZone(ny).toInstant()
            .toEpochMilli());
        assertFalse(nyse.isOpen(thanksgivingNoon));
        assertEquals(ns(LocalDate.of(2024, 11, 29).atTime(9, 30).atZone(ny).toInstant().toEpochMilli()),
            nyse.nextOpenNs(thanksgivingNoon));
        assertTrue(TradingCalendar.of("CRYPTO_24_7").isOpen(thanksgivingNoon));
    }

    @Test
    void shouldComputeEaster()
    {
        assertEquals(LocalDate.of(2024, 3, 31), TradingCalendar.easterSunday(2024));
        assertEquals(LocalDate.of(2000, 4, 23), TradingCalendar.easterSunday(2000));
        assertEquals(LocalDate.of(2038, 4, 25), TradingCalendar.easterSunday(2038));
    }

    @Test
    void shouldAgreeWithEveryTradingDayOfTheLeanSpyHistory() throws IOException
    {
        final Path spy = SharedData.require("lean-equity-usa/daily/spy.csv");
        final Set<LocalDate> traded = new TreeSet<>();
        for (final String line : Files.readAllLines(spy))
        {
            traded.add(LocalDate.parse(line.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        }
        final LocalDate first = ((TreeSet<LocalDate>)traded).first();
        final LocalDate last = ((TreeSet<LocalDate>)traded).last();
        final Set<LocalDate> calendar = new TreeSet<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1))
        {
            if (nyse.isTradingDay(d))
            {
                calendar.add(d);
            }
        }
        final Set<LocalDate> onlyInData = new TreeSet<>(traded);
        onlyInData.removeAll(calendar);
        final Set<LocalDate> onlyInCalendar = new TreeSet<>(calendar);
        onlyInCalendar.removeAll(traded);
        assertEquals(Set.of(), onlyInData, "days SPY traded that the calendar calls closed");
        assertEquals(Set.of(), onlyInCalendar, "days the calendar calls open without a SPY bar");
        assertTrue(traded.size() > 5_800, traded.size() + " days " + first + ".." + last);
        assertFalse(calendar.stream().map(LocalDate::toString).collect(Collectors.toSet()).contains("2001-09-11"));
    }

    private static long ns(final long epochMs)
    {
        return epochMs * 1_000_000L;
    }
}
