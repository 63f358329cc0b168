package io.keel.backtest;

import io.keel.core.InstrumentSpec;
import io.keel.core.TradingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The day an event belongs to, in the book's exchange zone: New York when every instrument trades on NYSE, UTC
 * otherwise (crypto, or a mixed book). A day runs from just after its midnight to the next midnight included, so a
 * bar stamped at its end, 00:00, counts on the day it closes. Caches the current day's bounds: no allocation until
 * the day changes. One per thread.
 */
public final class DayClock
{
    private static final long NS = 1_000_000_000L;
    private final ZoneId zone;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private long day;

    public DayClock(final ZoneId zone)
    {
        this.zone = zone;
    }

    /** @return the clock of the instruments' common exchange zone, or UTC when they differ. */
    public static DayClock of(final List<InstrumentSpec> instruments)
    {
        final List<ZoneId> zones = instruments.stream().map(s -> TradingCalendar.of(s.calendarId()).zone())
            .distinct().toList();
        return new DayClock(zones.size() == 1 ? zones.get(0) : ZoneOffset.UTC);
    }

    public ZoneId zone()
    {
        return zone;
    }

    /** @return the epoch day (in the zone) of an event time. */
    public long dayOf(final long timestampNs)
    {
        final long instant = timestampNs - 1;
        if (instant >= start && instant < end)
        {
            return day;
        }
        final LocalDate date = Instant.ofEpochSecond(Math.floorDiv(instant, NS), Math.floorMod(instant, NS))
            .atZone(zone).toLocalDate();
        day = date.toEpochDay();
        start = date.atStartOfDay(zone).toEpochSecond() * NS;
        end = date.plusDays(1).atStartOfDay(zone).toEpochSecond() * NS;
        return day;
    }
}
