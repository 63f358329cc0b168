package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes imported events into one journal per trading day ({@code OUT/yyyyMMdd/}), each starting with a run header
 * that carries the configuration the events were imported under, so {@code replay} runs them as they are.
 * Sequences the events like the daemon does. Single-threaded.
 */
final class DailyJournals implements AutoCloseable
{
    private final Path root;
    private final LoadedConfig loaded;
    private final String buildVersion;
    private final ZoneId zone;
    private final List<Path> written = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final boolean single;
    private JournalWriter writer;
    private LocalDate day;
    private long sequence;

    /**
     * @param root         output root; day directories are created below it and must not hold a journal yet.
     * @param zone         time zone whose dates define trading days (UTC for crypto, New York for equities).
     */
    DailyJournals(final Path root, final LoadedConfig loaded, final String buildVersion, final ZoneId zone)
    {
        this(root, loaded, buildVersion, zone, false);
    }

    /**
     * @param single true to write everything into one journal {@code OUT/history-yyyyMMdd} (daily and hourly bars:
     *               a journal per bar would be absurd).
     */
    DailyJournals(
        final Path root, final LoadedConfig loaded, final String buildVersion, final ZoneId zone, final boolean single)
    {
        this.single = single;
        this.root = root;
        this.loaded = loaded;
        this.buildVersion = buildVersion;
        this.zone = zone;
    }

    /** Sequences and journals one inbound event into its day's journal. */
    void append(final Event event)
    {
        final LocalDate eventDay = Instant.ofEpochSecond(0, event.timestampNs).atZone(zone).toLocalDate();
        if (writer == null || (!single && !eventDay.equals(day)))
        {
            open(eventDay, event.timestampNs);
        }
        event.sequence = ++sequence;
        writer.append(event);
        counts.merge(event.type.name(), 1L, Long::sum);
    }

    private void open(final LocalDate eventDay, final long timestampNs)
    {
        closeCurrent();
        final Path dir = root.resolve((single ? "history-" : "") + eventDay.toString().replace("-", ""));
        if (Files.isDirectory(dir))
        {
            try (Stream<Path> files = Files.list(dir))
            {
                if (files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4")))
                {
                    throw new IllegalArgumentException("output journal " + dir + " already exists; import into a " +
                        "new --out directory");
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        day = eventDay;
        sequence = 0;
        writer = JournalWriter.open(dir, timestampNs, new RunHeader(RecordKind.SCHEMA_VERSION, buildVersion,
            loaded.mode(), loaded.sha256(), loaded.config().run().seed(), loaded.text()));
        if (single)
        {
            writer.withoutDailyRoll();
        }
        writer.appendHeaderNow();
        written.add(dir);
    }

    private void closeCurrent()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }

    /** @return events written per type. */
    Map<String, Long> counts()
    {
        return counts;
    }

    /** @return journal directories written. */
    List<Path> journals()
    {
        return written;
    }

    @Override
    public void close()
    {
        closeCurrent();
    }
}
