package io.keel.backtest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The days a backtest replays: {@code all}, one day ({@code 2024-08-08} or {@code 20240808}) or an inclusive range
 * ({@code 2024-08-01..2024-08-31}; either end may be left open: {@code 2020-01-01..}). Days are the book's exchange
 * days, and events belong to them as {@link DayClock} says.
 *
 * @param first first epoch day included.
 * @param last  last epoch day included.
 */
public record DayRange(long first, long last)
{
    public static DayRange parse(final String text)
    {
        if (text == null || text.isBlank() || "all".equals(text))
        {
            return new DayRange(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        final int dots = text.indexOf("..");
        if (dots < 0)
        {
            final long day = day(text, text);
            return new DayRange(day, day);
        }
        final String from = text.substring(0, dots);
        final String to = text.substring(dots + 2);
        final DayRange range = new DayRange(from.isEmpty() ? Long.MIN_VALUE : day(from, text),
            to.isEmpty() ? Long.MAX_VALUE : day(to, text));
        if (range.first > range.last)
        {
            throw new IllegalArgumentException("--days " + text + ": the range ends before it starts");
        }
        return range;
    }

    private static long day(final String part, final String whole)
    {
        try
        {
            return (part.length() == 8 ? LocalDate.parse(part, DateTimeFormatter.BASIC_ISO_DATE) :
                LocalDate.parse(part)).toEpochDay();
        }
        catch (final DateTimeParseException e)
        {
            throw new IllegalArgumentException("--days " + whole + ": '" + part + "' is not a date (2024-08-08 or " +
                "20240808; a range is FROM..TO, either end optional, or 'all')", e);
        }
    }

    public boolean contains(final long epochDay)
    {
        return epochDay >= first && epochDay <= last;
    }

    @Override
    public String toString()
    {
        if (first == Long.MIN_VALUE && last == Long.MAX_VALUE)
        {
            return "all";
        }
        return (first == Long.MIN_VALUE ? "" : LocalDate.ofEpochDay(first).toString()) + ".." +
            (last == Long.MAX_VALUE ? "" : LocalDate.ofEpochDay(last).toString());
    }
}
