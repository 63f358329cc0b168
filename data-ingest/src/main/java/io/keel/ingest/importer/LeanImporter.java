package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.TradingCalendar;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;
import io.keel.ingest.quality.QualityGate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Imports QuantConnect LEAN files: US equities (prices in $0.0001, America/New_York) and crypto (decimal prices,
 * UTC). Several files may be given; their events are merged in time order into one journal per trading day.
 * <ul>
 *   <li>{@code *_trade_tick.csv} (equity ticks: {@code ms,price,size,exchange,condition,suspicious}) → TRADE;</li>
 *   <li>{@code *_<second|minute>_trade.csv} ({@code ms,o,h,l,c,volume}) → BAR, stamped at the bar's end;</li>
 *   <li>{@code *_<second|minute>_quote.csv} ({@code ms,bidOHLC,bidSize,askOHLC,askSize}) → QUOTE of the closing
 *       bid and ask, stamped at the bar's end;</li>
 *   <li>crypto {@code daily/} and {@code hour/} files ({@code yyyyMMdd HH:mm,o,h,l,c,volume}) → BAR;</li>
 *   <li>perpetuals' {@code margin_interest/<sym>.csv} ({@code yyyyMMdd HH:mm:ss,rate}) → FUNDING_RATE in parts per
 *       billion; perpetual bar files ({@code *_trade_perp.csv}, {@code *_quote_perp.csv}) like spot ones.</li>
 * </ul>
 * Every event passes the {@link QualityGate}; in addition the importer reports stub quotes inside quote bars
 * (e.g. AAPL's $1.00 bid on 2014-06-09), crossed or locked quote-bar closes, sessions whose data stops early
 * (truncated files), missing days in daily history, repeated timestamps, and sizes with float noise (rounded to the
 * instrument's scale). Equity daily bars need split and dividend factors and are not imported yet.
 */
public final class LeanImporter
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long MINUTE_NS = 60_000_000_000L;

    private final LoadedConfig loaded;
    private final String symbolOverride;
    private final Map<String, Long> anomalies = new TreeMap<>();
    private final BadRows bad = new BadRows();
    private final List<String> notes = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private long rows;
    private boolean longBars;
    private final boolean adjusted;
    private final List<long[]> splits = new ArrayList<>();

    private LeanImporter(final LoadedConfig loaded, final String symbolOverride, final boolean adjusted)
    {
        this.loaded = loaded;
        this.symbolOverride = symbolOverride;
        this.adjusted = adjusted;
    }

    /** What a file holds, from its name. */
    enum Kind
    {
        TICK, TRADE_BAR, QUOTE_BAR, DAILY_OR_HOUR, FUNDING
    }

    /**
     * Imports LEAN files into daily journals under {@code out}.
     *
     * @param crypto   true for LEAN crypto files (decimal prices, UTC), false for US equities.
     * @param band     bad-print band for the quality gate (relative distance from the recent median); negative for
     *                 the defaults of {@link QualityGate#forBars}.
     * @param adjusted equity daily bars: true for split- and dividend-adjusted prices, false for raw prices with a
     *                 CORPORATE_ACTION event at each split.
     */
    public static ImportReport importFiles(
        final List<Path> inputs, final Path out, final LoadedConfig loaded, final String symbol, final boolean crypto,
        final double band, final boolean adjusted, final String buildVersion, final DoubleConsumer progress)
        throws IOException
    {
        final long start = System.nanoTime();
        final LeanImporter importer = new LeanImporter(loaded, symbol, adjusted);
        for (int i = 0; i < inputs.size(); i++)
        {
            final int index = i;
            importer.readFile(inputs.get(i), crypto, progress == null ? null :
                f -> progress.accept((index + f) / inputs.size()));
        }
        importer.events.sort(Comparator.comparingLong(e -> e.timestampNs)); // stable: file order at equal times
        final QualityGate gate = QualityGate.forBars(loaded.instruments(), loaded.config().sim().bookLevels(),
            importer.longBars, band);
        final DailyJournals journals = new DailyJournals(out, loaded, buildVersion, crypto ? ZoneOffset.UTC :
            NEW_YORK, importer.longBars);
        try
        {
            for (final Event event : importer.events)
            {
                if (event.type == io.keel.core.event.EventType.CORPORATE_ACTION)
                {
                    gate.onSplit(event.instrumentId, event.value, event.quantity);
                }
                if (gate.check(event, journals::append))
                {
                    journals.append(event);
                }
            }
        }
        finally
        {
            journals.close();
        }
        gate.counts().forEach((code, count) -> importer.anomalies.merge("quality gate: " + code, count, Long::sum));
        final Path label = inputs.size() == 1 ? inputs.get(0) : inputs.get(0).getParent();
        return new ImportReport(label, importer.rows, journals.counts(), importer.anomalies, importer.notes,
            List.copyOf(journals.journals()), (System.nanoTime() - start) / 1e9, importer.bad.first());
    }

    private void readFile(final Path file, final boolean crypto, final DoubleConsumer progress) throws IOException
    {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final Kind kind = name.endsWith("_trade_tick.csv") ? Kind.TICK : name.matches("\\d{8}_.+_(second|minute)" +
            "_trade(_perp)?\\.csv") ? Kind.TRADE_BAR : name.matches("\\d{8}_.+_(second|minute)_quote(_perp)?" +
            "\\.csv") ? Kind.QUOTE_BAR : file.toString().contains("margin_interest") ? Kind.FUNDING :
            Kind.DAILY_OR_HOUR;
        longBars |= kind == Kind.DAILY_OR_HOUR || kind == Kind.FUNDING;
        final String[] parts = name.split("_");
        final String fileSymbol = kind == Kind.DAILY_OR_HOUR || kind == Kind.FUNDING ? parts[0].replace(".csv", "") :
            parts[1];
        final InstrumentSpec spec = Importers.instrument(loaded, symbolOverride != null ? symbolOverride :
            fileSymbol.toUpperCase(Locale.ROOT), file);
        final LocalDate day = kind == Kind.DAILY_OR_HOUR || kind == Kind.FUNDING ? null :
            LocalDate.parse(parts[0], DateTimeFormatter.BASIC_ISO_DATE);
        final long barNs = name.contains("_second_") ? 1_000_000_000L : MINUTE_NS;
        final long dayStartNs = day == null ? 0 : toNs(day.atStartOfDay(crypto ? ZoneOffset.UTC : NEW_YORK)
            .toInstant().getEpochSecond());
        final FileState state = new FileState(file, spec, crypto, kind);
        if (kind == Kind.DAILY_OR_HOUR && !crypto)
        {
            state.corporateActions(file, fileSymbol);
        }
        rows += Importers.readLines(file, progress, (number, line) ->
        {
            try
            {
                final String[] f = line.split(",");
                switch (kind)
                {
                    case TICK -> state.tick(dayStartNs + Long.parseLong(f[0]) * 1_000_000L, f);
                    case TRADE_BAR -> state.tradeBar(dayStartNs + Long.parseLong(f[0]) * 1_000_000L + barNs, barNs, f);
                    case QUOTE_BAR -> state.quoteBar(dayStartNs + Long.parseLong(f[0]) * 1_000_000L + barNs, f);
                    case FUNDING -> state.funding(f);
                    default -> state.longBar(f);
                }
            }
            catch (final RuntimeException ex)
            {
                count(file.getFileName() + ": malformed rows (skipped)");
                bad.record(file, number, line, ex.toString());
                Importers.LOG.warn("{} line {} skipped: {}", file, number, ex.toString());
            }
        });
        state.finish(day);
    }

    private void count(final String anomaly)
    {
        anomalies.merge(anomaly, 1L, Long::sum);
    }

    private static long toNs(final long epochSeconds)
    {
        return epochSeconds * 1_000_000_000L;
    }

    /** Per-file parsing state. */
    private final class FileState
    {
        private final Path file;
        private final InstrumentSpec spec;
        private final boolean crypto;
        private final Kind kind;
        private long lastNs = Long.MIN_VALUE;
        private long firstNs = Long.MIN_VALUE;
        private LocalDate lastDay;
        private io.keel.ingest.corporate.FactorFile factors;
        private List<io.keel.ingest.corporate.FactorFile.Split> pendingSplits = List.of();
        private int nextSplit;
        private long missingDays;

        FileState(final Path file, final InstrumentSpec spec, final boolean crypto, final Kind kind)
        {
            this.file = file;
            this.spec = spec;
            this.crypto = crypto;
            this.kind = kind;
        }

        /** Loads the factor and map files beside a LEAN equity daily file (../factor_files, ../map_files). */
        void corporateActions(final Path daily, final String fileSymbol) throws IOException
        {
            final Path root = daily.toAbsolutePath().getParent().getParent();
            final Path factorFile = root.resolve("factor_files").resolve(fileSymbol + ".csv");
            if (!java.nio.file.Files.isRegularFile(factorFile))
            {
                throw new IllegalArgumentException(daily + ": no factor file " + factorFile + "; equity daily bars " +
                    "need it to adjust for splits and dividends");
            }
            factors = io.keel.ingest.corporate.FactorFile.load(factorFile);
            pendingSplits = factors.splits(TradingCalendar.of(spec.calendarId()));
            final Path mapFile = root.resolve("map_files").resolve(fileSymbol + ".csv");
            if (java.nio.file.Files.isRegularFile(mapFile))
            {
                notes.add(daily.getFileName() + ": ticker history " + tickerHistory(mapFile));
            }
            notes.add(daily.getFileName() + ": " + (adjusted ? "split- and dividend-adjusted prices" :
                "raw prices, " + pendingSplits.size() + " splits as CORPORATE_ACTION events"));
        }

        private String tickerHistory(final Path mapFile) throws IOException
        {
            final StringBuilder history = new StringBuilder();
            for (final String line : java.nio.file.Files.readAllLines(mapFile))
            {
                final String[] f = line.split(",");
                if (f.length >= 2)
                {
                    history.append(history.length() == 0 ? "" : ", ").append(f[1].toUpperCase(Locale.ROOT))
                        .append(" until ").append(f[0]);
                }
            }
            return history.toString();
        }

        private long adjust(final long price, final LocalDate date)
        {
            return factors == null || !adjusted ? price :
                Math.round(price * factors.adjustment(date));
        }

        private long price(final String text)
        {
            if (!crypto)
            {
                // LEAN equity prices are integers in $0.0001
                return FixedPoint.rescale(Long.parseLong(text.trim()), 4, spec.priceScale(),
                    FixedPoint.Rounding.HALF_EVEN);
            }
            return FixedPoint.parse(text, spec.priceScale());
        }

        private long quantity(final String text)
        {
            final BigDecimal value = new BigDecimal(text.trim());
            final BigDecimal scaled = value.setScale(spec.quantityScale(), RoundingMode.HALF_EVEN);
            if (scaled.compareTo(value) != 0)
            {
                count(file.getFileName() + ": sizes with more decimals than the instrument (rounded)");
            }
            return scaled.unscaledValue().longValueExact();
        }

        private void stamp(final long ns)
        {
            if (ns == lastNs && kind == Kind.TICK)
            {
                count(file.getFileName() + ": ticks repeating the previous timestamp (not duplicates)");
            }
            if (firstNs == Long.MIN_VALUE)
            {
                firstNs = ns;
            }
            lastNs = ns;
        }

        void tick(final long ns, final String[] f)
        {
            stamp(ns);
            if (f.length > 5 && !"0".equals(f[5].trim()))
            {
                count(file.getFileName() + ": ticks the vendor marks suspicious");
            }
            events.add(new Event().trade(ns, spec.id(), Side.NONE, price(f[1]), quantity(f[2])));
        }

        /** A perpetual's funding rate: {@code yyyyMMdd HH:mm:ss,rate}, as parts per billion per interval. */
        void funding(final String[] f)
        {
            final LocalDateTime at = LocalDateTime.parse(f[0].trim(), DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss"));
            final long ns = toNs(at.toEpochSecond(ZoneOffset.UTC));
            stamp(ns);
            final Event funding = new Event();
            funding.type = EventType.FUNDING_RATE;
            funding.timestampNs = ns;
            funding.instrumentId = spec.id();
            funding.value = new BigDecimal(f[1].trim()).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
            events.add(funding);
        }

        void tradeBar(final long ns, final long lengthNs, final String[] f)
        {
            stamp(ns);
            final Event bar = new Event();
            bar.type = EventType.BAR;
            bar.timestampNs = ns;
            bar.instrumentId = spec.id();
            bar.open = price(f[1]);
            bar.high = price(f[2]);
            bar.low = price(f[3]);
            bar.price = price(f[4]);
            bar.quantity = quantity(f[5]);
            bar.value = lengthNs;
            events.add(bar);
        }

        void quoteBar(final long ns, final String[] f)
        {
            stamp(ns);
            final long bidLow = price(f[3]);
            final long bidClose = price(f[4]);
            final long askHigh = price(f[7]);
            final long askClose = price(f[9]);
            final long mid = (bidClose + askClose) / 2;
            if ((bidLow > 0 && bidLow * 2 < mid) || askHigh > mid * 2)
            {
                count(file.getFileName() + ": quote bars holding a stub quote (bid or ask > 50% off the close)");
                events.add(new Event().qualityFlag(ns, spec.id(), QualityCode.STUB_QUOTE, true,
                    bidLow * 2 < mid ? bidLow : askHigh));
            }
            if (bidClose > 0 && askClose > 0 && bidClose >= askClose)
            {
                count(file.getFileName() + ": quote bars closing crossed or locked");
            }
            events.add(new Event().quote(ns, spec.id(), bidClose, quantity(f[5]), askClose, quantity(f[10])));
        }

        void longBar(final String[] f)
        {
            final LocalDateTime start = LocalDateTime.parse(f[0].trim(),
                DateTimeFormatter.ofPattern("yyyyMMdd HH:mm"));
            if (!crypto)
            {
                equityDailyBar(start.toLocalDate(), f);
                return;
            }
            final boolean hourly = file.toString().contains("/hour/");
            final LocalDateTime end = hourly ? start.plusHours(1) : start.plusDays(1);
            final long ns = toNs(end.toEpochSecond(ZoneOffset.UTC));
            if (file.getFileName().toString().contains("_quote"))
            {
                quoteBar(ns, f); // same columns as intraday quote bars after the date
                return;
            }
            if (!hourly && lastDay != null && start.toLocalDate().isAfter(lastDay.plusDays(1)))
            {
                count(file.getFileName() + ": gaps in daily history (days missing)");
                notes.add(file.getFileName() + ": no bars " + lastDay.plusDays(1) + ".." +
                    start.toLocalDate().minusDays(1));
            }
            lastDay = start.toLocalDate();
            final long lengthNs = hourly ? 3_600_000_000_000L : 86_400_000_000_000L;
            tradeBar(ns, lengthNs, f);
        }

        private void equityDailyBar(final LocalDate date, final String[] f)
        {
            final TradingCalendar calendar = TradingCalendar.of(spec.calendarId());
            if (lastDay != null)
            {
                for (LocalDate d = lastDay.plusDays(1); d.isBefore(date); d = d.plusDays(1))
                {
                    if (calendar.isTradingDay(d))
                    {
                        missingDays++;
                    }
                }
            }
            if (!calendar.isTradingDay(date))
            {
                count(file.getFileName() + ": bars on days the exchange was closed");
            }
            lastDay = date;
            while (nextSplit < pendingSplits.size() && !pendingSplits.get(nextSplit).effective().isAfter(date))
            {
                final io.keel.ingest.corporate.FactorFile.Split split = pendingSplits.get(nextSplit++);
                if (!adjusted)
                {
                    final long openNs = toNs(split.effective().atTime(9, 30).atZone(NEW_YORK).toEpochSecond());
                    events.add(new Event().split(openNs, spec.id(), split.newShares(), split.oldShares()));
                }
            }
            final long ns = toNs(date.atTime(calendar.closeTime(date)).atZone(NEW_YORK).toEpochSecond());
            stamp(ns);
            final Event bar = new Event();
            bar.type = EventType.BAR;
            bar.timestampNs = ns;
            bar.instrumentId = spec.id();
            bar.open = adjust(price(f[1]), date);
            bar.high = adjust(price(f[2]), date);
            bar.low = adjust(price(f[3]), date);
            bar.price = adjust(price(f[4]), date);
            bar.quantity = quantity(f[5]);
            bar.value = 86_400_000_000_000L;
            events.add(bar);
        }

        void finish(final LocalDate day)
        {
            if (missingDays > 0)
            {
                anomalies.merge(file.getFileName() + ": trading days without a bar", missingDays, Long::sum);
            }
            if (day == null || lastNs == Long.MIN_VALUE)
            {
                return;
            }
            final TradingCalendar calendar = TradingCalendar.of(spec.calendarId());
            final ZoneId zone = crypto ? ZoneOffset.UTC : NEW_YORK;
            final LocalTime close = crypto ? LocalTime.of(23, 0) : calendar.closeTime(day);
            final long expectedNs = toNs(day.atTime(close).atZone(zone).toEpochSecond());
            if (calendar.isTradingDay(day) && lastNs < expectedNs)
            {
                count(file.getFileName() + ": session data stops early (truncated)");
                notes.add(String.format("%s: data ends at %s, before %s %s", file.getFileName(),
                    java.time.Instant.ofEpochSecond(0, lastNs).atZone(zone).toLocalTime(), close, zone));
                events.add(new Event().qualityFlag(lastNs, spec.id(), QualityCode.TRUNCATED_SESSION, true,
                    (expectedNs - lastNs) / MINUTE_NS));
            }
        }
    }
}
