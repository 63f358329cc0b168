package io.keel.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A generic OHLCV CSV ({@code datetime,open,high,low,close,volume}, one bar per row, in time order) read into
 * columns, prices as exact fixed-point {@code long}s with {@link #SCALE} decimals. A price with more decimals, a
 * missing field, a non-positive price or a bar out of order is refused with the file and line.
 */
public final class BarCsv
{
    /** Decimals of prices. */
    public static final int SCALE = 8;
    private static final long ONE = 100_000_000L;

    /** The bars, by index. */
    public record Bars(String[] times, long[] open, long[] close, int count)
    {
    }

    private BarCsv()
    {
    }

    /** @return the file's bars. */
    public static Bars read(final Path file) throws IOException
    {
        final byte[] data = Files.readAllBytes(file);
        int capacity = 1 << 16;
        String[] times = new String[capacity];
        long[] open = new long[capacity];
        long[] close = new long[capacity];
        int count = 0;
        int line = 0;
        int pos = 0;
        final long[] fields = new long[5];
        while (pos < data.length)
        {
            int end = pos;
            while (end < data.length && data[end] != '\n')
            {
                end++;
            }
            line++;
            final int lineEnd = end > pos && data[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd > pos && !(line == 1 && !Character.isDigit(data[pos])))
            {
                if (count == capacity)
                {
                    capacity *= 2;
                    times = Arrays.copyOf(times, capacity);
                    open = Arrays.copyOf(open, capacity);
                    close = Arrays.copyOf(close, capacity);
                }
                final int comma = parseRow(data, pos, lineEnd, fields, file, line);
                times[count] = new String(data, pos, comma - pos, StandardCharsets.US_ASCII);
                if (count > 0 && times[count].compareTo(times[count - 1]) < 0 && times[count].length() ==
                    times[count - 1].length())
                {
                    throw new IllegalArgumentException(file + ":" + line + ": bar at " + times[count] + " is before " +
                        "the previous one (" + times[count - 1] + "): rows must be in time order");
                }
                open[count] = fields[0];
                close[count] = fields[3];
                count++;
            }
            pos = end + 1;
        }
        if (count < 2)
        {
            throw new IllegalArgumentException(file + ": needs at least two bars, found " + count);
        }
        return new Bars(times, open, close, count);
    }

    /** @return the index of the first comma; fills open, high, low, close, volume. */
    private static int parseRow(final byte[] data, final int from, final int to, final long[] fields,
        final Path file, final int line)
    {
        int pos = from;
        while (pos < to && data[pos] != ',')
        {
            pos++;
        }
        final int firstComma = pos;
        for (int f = 0; f < 5; f++)
        {
            if (pos >= to)
            {
                throw new IllegalArgumentException(file + ":" + line + ": expected datetime,open,high,low,close," +
                    "volume");
            }
            pos++; // the comma
            long whole = 0;
            long fraction = 0;
            int decimals = -1;
            final int start = pos;
            while (pos < to && data[pos] != ',')
            {
                final byte c = data[pos];
                if (c == '.' && decimals < 0)
                {
                    decimals = 0;
                }
                else if (c >= '0' && c <= '9' && decimals < 0)
                {
                    whole = whole * 10 + (c - '0');
                }
                else if (c >= '0' && c <= '9' && decimals < SCALE)
                {
                    fraction = fraction * 10 + (c - '0');
                    decimals++;
                }
                else if (c >= '0' && c <= '9')
                {
                    throw new IllegalArgumentException(file + ":" + line + ": more than " + SCALE + " decimals in " +
                        new String(data, start, to - start, StandardCharsets.US_ASCII).split(",")[0]);
                }
                else
                {
                    throw new IllegalArgumentException(file + ":" + line + ": not a number: " + new String(data,
                        start, to - start, StandardCharsets.US_ASCII).split(",")[0]);
                }
                pos++;
            }
            if (pos == start || whole > 90_000_000_000L)
            {
                throw new IllegalArgumentException(file + ":" + line + ": empty or absurd field " + (f + 2));
            }
            for (int d = Math.max(decimals, 0); d < SCALE; d++)
            {
                fraction *= 10;
            }
            fields[f] = whole * ONE + fraction;
            if (f < 4 && fields[f] <= 0)
            {
                throw new IllegalArgumentException(file + ":" + line + ": prices must be positive");
            }
        }
        return firstComma;
    }
}
