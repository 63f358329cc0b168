package io.keel.ingest.corporate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A LEAN map file, the ticker history of one security: rows {@code date,ticker,exchange}; a row's ticker applies to
 * every date up to and including its date (after the previous row's). QQQ was QQQQ from 2004-12-01 to 2011-03-22.
 */
public final class MapFile
{
    private final List<LocalDate> dates = new ArrayList<>();
    private final List<String> tickers = new ArrayList<>();

    private MapFile()
    {
    }

    /** Reads a map file. */
    public static MapFile load(final Path file) throws IOException
    {
        final MapFile map = new MapFile();
        for (final String line : Files.readAllLines(file))
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] f = line.split(",");
            map.dates.add(LocalDate.parse(f[0].trim(), DateTimeFormatter.BASIC_ISO_DATE));
            map.tickers.add(f[1].trim().toUpperCase(Locale.ROOT));
        }
        if (map.dates.isEmpty())
        {
            throw new IllegalArgumentException(file + ": empty map file");
        }
        return map;
    }

    /** @return the ticker the security traded under on {@code date}. */
    public String tickerAt(final LocalDate date)
    {
        for (int i = 0; i < dates.size(); i++)
        {
            if (!dates.get(i).isBefore(date))
            {
                return tickers.get(i);
            }
        }
        return tickers.get(tickers.size() - 1);
    }

    /** @return the first date of the history. */
    public LocalDate firstDate()
    {
        return dates.get(0);
    }
}
