package io.keel.ingest.corporate;

import io.keel.core.TradingCalendar;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A LEAN factor file: rows {@code date,priceFactor,splitFactor,referencePrice}; a row's factors apply to every date up
 * to and including its date (and after the previous row's); the last row is the sentinel {@code 20501231,1,1,0}.
 * Adjusted price = raw x priceFactor x splitFactor. A change of split factor between two rows is a split effective on
 * the first trading day after the earlier row; a change of price factor alone is a dividend. Immutable.
 */
public final class FactorFile
{
    /** One row. */
    public record Row(LocalDate date, BigDecimal priceFactor, BigDecimal splitFactor)
    {
    }

    /**
     * A split.
     *
     * @param effective first trading day at the new share count.
     * @param newShares shares after, per {@code oldShares} before.
     * @param oldShares shares before.
     */
    public record Split(LocalDate effective, long newShares, long oldShares)
    {
    }

    private final List<Row> rows;

    private FactorFile(final List<Row> rows)
    {
        this.rows = List.copyOf(rows);
    }

    /** Reads a factor file; malformed rows are errors naming the line. */
    public static FactorFile load(final Path file) throws IOException
    {
        final List<Row> rows = new ArrayList<>();
        int number = 0;
        for (final String line : Files.readAllLines(file))
        {
            number++;
            if (line.isBlank())
            {
                continue;
            }
            final String[] f = line.split(",");
            try
            {
                rows.add(new Row(LocalDate.parse(f[0].trim(), DateTimeFormatter.BASIC_ISO_DATE),
                    new BigDecimal(f[1].trim()), new BigDecimal(f[2].trim())));
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException(file + ":" + number + ": not a factor row: " + line, ex);
            }
        }
        if (rows.isEmpty())
        {
            throw new IllegalArgumentException(file + ": empty factor file");
        }
        return new FactorFile(rows);
    }

    /** @return the row whose factors apply on {@code date}. */
    public Row at(final LocalDate date)
    {
        for (final Row row : rows)
        {
            if (!row.date().isBefore(date))
            {
                return row;
            }
        }
        return rows.get(rows.size() - 1);
    }

    /** @return the combined adjustment factor (price x split) on {@code date}. */
    public double adjustment(final LocalDate date)
    {
        final Row row = at(date);
        return row.priceFactor().multiply(row.splitFactor()).doubleValue();
    }

    /** @return every split, oldest first. */
    public List<Split> splits(final TradingCalendar calendar)
    {
        final List<Split> splits = new ArrayList<>();
        for (int i = 0; i + 1 < rows.size(); i++)
        {
            final BigDecimal before = rows.get(i).splitFactor();
            final BigDecimal after = rows.get(i + 1).splitFactor();
            if (before.compareTo(after) != 0)
            {
                LocalDate effective = rows.get(i).date().plusDays(1);
                while (!calendar.isTradingDay(effective))
                {
                    effective = effective.plusDays(1);
                }
                final long[] ratio = rational(after.doubleValue() / before.doubleValue());
                splits.add(new Split(effective, ratio[0], ratio[1]));
            }
        }
        return splits;
    }

    /** @return {numerator, denominator} with denominator &lt;= 1000 closest to {@code value}. */
    static long[] rational(final double value)
    {
        long bestN = Math.round(value);
        long bestD = 1;
        double bestError = Math.abs(value - bestN);
        for (long d = 2; d <= 1000 && bestError > 1e-9 * value; d++)
        {
            final long n = Math.round(value * d);
            final double error = Math.abs(value - (double)n / d);
            if (n > 0 && error < bestError - 1e-12)
            {
                bestN = n;
                bestD = d;
                bestError = error;
            }
        }
        return new long[] {bestN, bestD};
    }
}
