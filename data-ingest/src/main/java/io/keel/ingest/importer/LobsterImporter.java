package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.QualityCode;
import io.keel.ingest.lobster.LobsterBook;
import io.keel.ingest.lobster.LobsterMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Imports a LOBSTER day ({@code TICKER_yyyy-MM-dd_start_end_message_N.csv} with its {@code orderbook_N} file beside
 * it): the L3 messages are reconstructed into the L2 book ({@link LobsterBook}, checked against the vendor's row after
 * every message) and each change of its top N levels becomes a BOOK_LEVEL event; visible and hidden executions
 * become TRADE events (the aggressor is the side opposite the executed order); trading halts become TRADING_HALT
 * quality flags (raised on a halt, cleared when trading resumes). Prices are in $0.0001, times in New York.
 */
public final class LobsterImporter
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private LobsterImporter()
    {
    }

    /** Imports one LOBSTER message file and its book file. */
    public static ImportReport importFile(
        final Path messages, final Path out, final LoadedConfig loaded, final String symbol, final String buildVersion,
        final DoubleConsumer progress) throws IOException
    {
        final long start = System.nanoTime();
        final String name = messages.getFileName().toString();
        final String[] parts = name.split("_");
        if (parts.length < 6 || !name.contains("_message_"))
        {
            throw new IllegalArgumentException(messages + ": not a LOBSTER message file " +
                "(TICKER_yyyy-MM-dd_start_end_message_N.csv)");
        }
        final Path bookFile = messages.resolveSibling(name.replace("_message_", "_orderbook_"));
        if (!Files.isRegularFile(bookFile))
        {
            throw new IllegalArgumentException(messages + ": its book file " + bookFile + " is missing");
        }
        final InstrumentSpec spec = Importers.instrument(loaded, symbol != null ? symbol :
            parts[0].toUpperCase(Locale.ROOT), messages);
        final int levels = Integer.parseInt(parts[parts.length - 1].replace(".csv", ""));
        final long midnightNs = LocalDate.parse(parts[1]).atStartOfDay(NEW_YORK).toEpochSecond() * 1_000_000_000L;
        final List<String> rows = Files.readAllLines(bookFile);
        final Map<String, Long> anomalies = new TreeMap<>();
        final List<String> notes = new ArrayList<>();
        final LobsterBook book = new LobsterBook(levels);
        final long[] emitted = new long[levels * 4];
        final Event event = new Event();
        final int[] row = {0};
        final boolean[] halted = {false};
        final DailyJournals journals = new DailyJournals(out, loaded, buildVersion, NEW_YORK);
        final long lines;
        try
        {
            lines = Importers.readLines(messages, progress, (number, line) ->
            {
                final LobsterMessage m = LobsterMessage.parse(line);
                final long ns = midnightNs + m.timeNs();
                final long[] vendor = Arrays.stream(rows.get(row[0]++).split(",")).mapToLong(Long::parseLong)
                    .toArray();
                if (number == 1)
                {
                    book.initialise(vendor);
                }
                else
                {
                    book.apply(m);
                    final String difference = book.reconcile(vendor);
                    if (difference != null)
                    {
                        anomalies.merge("book rows the messages do not reproduce", 1L, Long::sum);
                        if (anomalies.get("book rows the messages do not reproduce") == 1)
                        {
                            notes.add("first reconstruction difference, message " + number + ": " + difference);
                        }
                        book.initialise(vendor);
                    }
                }
                if (m.type() == 4 || m.type() == 5)
                {
                    journals.append(event.trade(ns, spec.id(), m.direction() > 0 ? Side.SELL : Side.BUY,
                        price(m.price(), spec), m.size()));
                }
                else if (m.type() == 7)
                {
                    final boolean halt = m.price() == -1;
                    if (halt != halted[0])
                    {
                        halted[0] = halt;
                        journals.append(event.qualityFlag(ns, spec.id(), QualityCode.TRADING_HALT, halt, m.price()));
                    }
                }
                emitChanges(book.toRow(levels), emitted, levels, ns, spec, event, journals);
            });
        }
        finally
        {
            journals.close();
        }
        anomalies.put("messages about orders from before the window (applied by their own price and size)",
            book.preWindowReferences());
        anomalies.put("levels uncovered from below the observed range (taken from the book file)",
            book.adoptedLevels());
        return new ImportReport(messages, lines, journals.counts(), anomalies, notes, List.copyOf(journals.journals()),
            (System.nanoTime() - start) / 1e9);
    }

    private static void emitChanges(
        final long[] row, final long[] emitted, final int levels, final long ns, final InstrumentSpec spec,
        final Event event, final DailyJournals journals)
    {
        for (int level = 0; level < levels; level++)
        {
            for (int side = 0; side < 2; side++)
            {
                final int at = level * 4 + side * 2;
                if (row[at] != emitted[at] || row[at + 1] != emitted[at + 1])
                {
                    emitted[at] = row[at];
                    emitted[at + 1] = row[at + 1];
                    final boolean empty = row[at + 1] == 0;
                    journals.append(event.bookLevel(ns, spec.id(), side == 0 ? Side.SELL : Side.BUY, level,
                        empty ? 0 : price(row[at], spec), empty ? 0 : row[at + 1]));
                }
            }
        }
    }

    private static long price(final long lobsterPrice, final InstrumentSpec spec)
    {
        return FixedPoint.rescale(lobsterPrice, 4, spec.priceScale(), FixedPoint.Rounding.HALF_EVEN);
    }
}
