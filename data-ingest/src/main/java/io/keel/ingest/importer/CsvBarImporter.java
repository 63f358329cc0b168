package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.ingest.quality.QualityGate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Imports a generic OHLCV CSV, the format for users' own data: a header {@code datetime,open,high,low,close,volume}
 * ({@code date} is accepted for the first column), one bar per row, rows in time order. The first column is the
 * bar's start: an ISO date ({@code 2024-01-02}), local date-time ({@code 2024-01-02T15:30:00} or with a space) in
 * {@code zone}, or an instant with offset. Each bar becomes a BAR event stamped at its end (start + the bar length,
 * inferred from the first two rows unless given), so nothing is known before it could have been. Daily or longer
 * bars go into one journal; shorter ones into one journal per day. Every bar passes the {@link QualityGate}.
 */
public final class CsvBarImporter
{
    private CsvBarImporter()
    {
    }

    /**
     * @param zone        zone of date and local date-time values.
     * @param barLengthNs bar length, or 0 to infer it.
     * @param band        quality gate bad-print band, negative for the defaults of {@link QualityGate#forBars}.
     */
    public static ImportReport importFile(
        final Path input, final Path out, final LoadedConfig loaded, final String symbol, final ZoneId zone,
        final long barLengthNs, final double band, final String buildVersion, final DoubleConsumer progress)
        throws IOException
    {
        final long start = System.nanoTime();
        final String name = input.getFileName().toString();
        final InstrumentSpec spec = Importers.instrument(loaded, symbol != null ? symbol :
            name.split("[-_.]")[0].toUpperCase(Locale.ROOT), input);
        final Map<String, Long> anomalies = new TreeMap<>();
        final BadRows bad = new BadRows();
        final List<String> notes = new ArrayList<>();
        final List<long[]> bars = new ArrayList<>();
        final long rows = Importers.readLines(input, progress, (number, line) ->
        {
            if (number == 1)
            {
                final String header = line.trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (!header.equals("datetime,open,high,low,close,volume") &&
                    !header.equals("date,open,high,low,close,volume"))
                {
                    throw new IllegalArgumentException(input + ": header must be datetime,open,high,low,close," +
                        "volume, found '" + line + "'");
                }
                return;
            }
            try
            {
                final String[] f = line.split(",");
                if (f.length != 6)
                {
                    throw new IllegalArgumentException("expected 6 columns, found " + f.length);
                }
                bars.add(new long[] {parseTime(f[0].trim(), zone), price(f[1], spec), price(f[2], spec),
                    price(f[3], spec), price(f[4], spec), quantity(f[5], spec)});
            }
            catch (final RuntimeException ex)
            {
                anomalies.merge("malformed rows (skipped)", 1L, Long::sum);
                bad.record(input, number, line, ex.toString());
                Importers.LOG.warn("{} line {} skipped: {}", input, number, ex.getMessage());
            }
        });
        final long length = barLengthNs > 0 ? barLengthNs : bars.size() > 1 ? bars.get(1)[0] - bars.get(0)[0] :
            86_400_000_000_000L;
        if (length <= 0)
        {
            throw new IllegalArgumentException(input + ": rows are not in time order (first two rows)");
        }
        final boolean longBars = length >= 86_400_000_000_000L;
        final QualityGate gate = QualityGate.forBars(loaded.instruments(), 1, longBars, band);
        final DailyJournals journals = new DailyJournals(out, loaded, buildVersion, zone, longBars);
        final Event bar = new Event();
        long previous = Long.MIN_VALUE;
        try
        {
            for (final long[] b : bars)
            {
                if (b[0] <= previous)
                {
                    anomalies.merge("rows out of time order or repeated (skipped)", 1L, Long::sum);
                    continue;
                }
                if (b[2] < Math.max(b[1], b[4]) || b[3] > Math.min(b[1], b[4]))
                {
                    anomalies.merge("bars whose high/low do not contain open and close", 1L, Long::sum);
                }
                previous = b[0];
                bar.reset();
                bar.type = EventType.BAR;
                bar.timestampNs = b[0] + length;
                bar.instrumentId = spec.id();
                bar.open = b[1];
                bar.high = b[2];
                bar.low = b[3];
                bar.price = b[4];
                bar.quantity = b[5];
                bar.value = length;
                if (gate.check(bar, journals::append))
                {
                    journals.append(bar);
                }
            }
        }
        finally
        {
            journals.close();
        }
        gate.counts().forEach((code, n) -> anomalies.merge("quality gate: " + code, n, Long::sum));
        notes.add(String.format("bar length %d s, %s", length / 1_000_000_000L, zone));
        return new ImportReport(input, rows, journals.counts(), anomalies, notes, List.copyOf(journals.journals()),
            (System.nanoTime() - start) / 1e9, bad.first());
    }

    private static long parseTime(final String text, final ZoneId zone)
    {
        try
        {
            if (text.length() == 10)
            {
                return toNs(LocalDate.parse(text).atStartOfDay(zone).toInstant());
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$"))
            {
                return toNs(Instant.parse(text.replace(' ', 'T')));
            }
            return toNs(LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant());
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("unreadable datetime '" + text + "'", ex);
        }
    }

    private static long toNs(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long price(final String text, final InstrumentSpec spec)
    {
        return FixedPoint.parse(text.trim(), spec.priceScale());
    }

    private static long quantity(final String text, final InstrumentSpec spec)
    {
        return new BigDecimal(text.trim()).setScale(spec.quantityScale(), RoundingMode.HALF_EVEN).unscaledValue()
            .longValueExact();
    }
}
