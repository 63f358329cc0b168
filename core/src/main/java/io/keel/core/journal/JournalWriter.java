package io.keel.core.journal;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Appends records to a Chronicle Queue journal, one queue per run directory, rolled daily in <em>event</em> time
 * (the queue's clock is the latest event timestamp), so two replays of the same input write the same files.
 *
 * <p>Single-threaded: only the decision thread appends. Appending an event or decision allocates nothing.
 */
public final class JournalWriter implements AutoCloseable
{
    private static final long NS_PER_MS = 1_000_000L;

    private final Path directory;
    private final ChronicleQueue queue;
    private final RunHeader header;
    private ExcerptAppender appender;
    /** Package-private so a test can write an older layout and prove it still reads. */
    final RecordCodec codec = new RecordCodec();
    /** A record is encoded here, then copied into the queue in one write (no bounds check per field on the map). */
    private final Bytes<?> scratch = Bytes.allocateElasticDirect(1024);
    private long clockMs;
    private JournalPretoucher pretoucher;
    private int pretouchedCycle = Integer.MIN_VALUE;
    private java.io.File cycleFile;
    private boolean frozenClock;
    private long records;
    private boolean closed;

    private JournalWriter(final Path directory, final long startNs, final RunHeader header)
    {
        this.directory = directory;
        this.header = header;
        this.clockMs = startNs / NS_PER_MS;
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .timeProvider(this::clockMs)
            .build();
    }

    private long clockMs()
    {
        return clockMs;
    }

    /**
     * Opens (creating if needed) the journal in {@code directory}. The run header is written by the first append,
     * on the thread that appends: a Chronicle appender belongs to one thread, and so does this writer from then on.
     *
     * @param startNs event time that names the first file, epoch ns.
     * @param header  the run header, first record of the run; its schema version is the layout written (the
     *                current one, or an older readable one to produce a journal as an older build did).
     */
    public static JournalWriter open(final Path directory, final long startNs, final RunHeader header)
    {
        if (header.schemaVersion() < RecordKind.OLDEST_READABLE_SCHEMA_VERSION ||
            header.schemaVersion() > RecordKind.SCHEMA_VERSION)
        {
            throw new JournalException(directory, -1, "cannot write schema version " + header.schemaVersion(), null);
        }
        try
        {
            final JournalWriter writer = new JournalWriter(directory, startNs, header);
            writer.codec.writeVersion = header.schemaVersion();
            return writer;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException(directory, -1, "cannot open journal for writing: " + ex, ex);
        }
    }

    /**
     * Keeps every record in the cycle file of the start time instead of rolling daily in event time: for imported
     * history spanning years (daily bars), where a file per day would be absurd. Call before the first append.
     */
    public JournalWriter withoutDailyRoll()
    {
        frozenClock = true;
        return this;
    }

    /**
     * Touches the journal's pages ahead of the writer on a thread of its own, so the page faults of the memory map
     * are not the appending thread's (a live daemon's decision latency; a replay has no use for it).
     */
    public JournalWriter pretouching()
    {
        if (pretoucher == null)
        {
            pretoucher = new JournalPretoucher(directory.getFileName().toString());
        }
        return this;
    }

    /** @return pages the pretoucher has touched (0 without one). */
    public long pretouchedPages()
    {
        return pretoucher == null ? 0 : pretoucher.touchedPages();
    }

    /** @return the journal directory. */
    public Path directory()
    {
        return directory;
    }

    private ExcerptAppender appender()
    {
        if (appender == null)
        {
            appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument())
            {
                codec.beginWrite(dc.wire().bytes(), RecordKind.RUN_HEADER);
                codec.writeHeader(header);
                codec.endWrite();
            }
            appended();
        }
        return appender;
    }

    /** Writes the run header now if nothing was appended yet (a run with no events still has one). */
    public void appendHeaderNow()
    {
        appender();
    }

    /** Appends an event (inbound or an order intent). @return its journal index. */
    public long append(final Event event)
    {
        advanceClock(event.timestampNs);
        final ExcerptAppender to = appender();
        scratch.clear();
        codec.beginWrite(scratch, RecordKind.EVENT);
        codec.writeEvent(event);
        codec.endWrite();
        to.writeBytes(scratch);
        if (pretoucher != null)
        {
            tellPretoucher(to);
        }
        return appended();
    }

    /** Appends a decision record. @return its journal index. */
    public long append(final DecisionRecord record)
    {
        advanceClock(record.timestampNs);
        final ExcerptAppender to = appender();
        scratch.clear();
        codec.beginWrite(scratch, RecordKind.DECISION);
        codec.writeDecision(record);
        codec.endWrite();
        to.writeBytes(scratch);
        if (pretoucher != null)
        {
            tellPretoucher(to);
        }
        return appended();
    }

    /** @return records appended by this writer, the end-of-run marker included once closed. */
    public long records()
    {
        return records;
    }

    private void tellPretoucher(final ExcerptAppender to)
    {
        if (to.cycle() != pretouchedCycle)
        {
            pretouchedCycle = to.cycle();
            cycleFile = to.currentFile();
        }
        pretoucher.wrote(cycleFile, to.wire().bytes().writePosition());
    }

    private long appended()
    {
        records++;
        return appender.lastIndexAppended();
    }

    private void advanceClock(final long timestampNs)
    {
        final long ms = timestampNs / NS_PER_MS;
        if (ms > clockMs && !frozenClock)
        {
            clockMs = ms;
        }
    }

    /** Writes the clean end-of-run marker and closes the queue. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            try (DocumentContext dc = appender().writingDocument())
            {
                codec.beginWrite(dc.wire().bytes(), RecordKind.RUN_END);
                codec.writeRunEnd(records);
                codec.endWrite();
            }
            records++;
        }
        finally
        {
            if (pretoucher != null)
            {
                pretoucher.close();
            }
            appender().close();
            queue.close();
            scratch.releaseLast();
        }
    }
}
