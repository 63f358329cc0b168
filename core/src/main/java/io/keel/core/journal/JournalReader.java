package io.keel.core.journal;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Reads a journal record by record and refuses to guess: a record that does not decode, a gap in the index
 * sequence, an unknown schema version or a journal that does not start with a run header raises
 * {@link JournalException} naming the file and index. Nothing is skipped silently.
 *
 * <p>Single-threaded. Reading an event or decision allocates nothing.
 */
public final class JournalReader implements AutoCloseable
{
    private static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    private static final DateTimeFormatter FILE_DATE =
        DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RecordCodec codec = new RecordCodec();
    private RunHeader header;
    private long previousIndex = -1;
    private long records;
    private boolean endedCleanly;
    private long endRecordCount = -1;
    private long recordsInRun;

    private JournalReader(final Path directory, final ChronicleQueue queue)
    {
        this.directory = directory;
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /** Opens a journal directory for reading; it must exist and hold at least one queue file. */
    public static JournalReader open(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new JournalException(directory, -1, "no such journal directory", null);
        }
        try (Stream<Path> files = Files.list(directory))
        {
            if (files.noneMatch(p -> p.getFileName().toString().endsWith(".cq4")))
            {
                throw new JournalException(directory, -1, "not a journal: no .cq4 queue files", null);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException(directory, -1, "cannot list journal directory: " + ex, ex);
        }
        try
        {
            return new JournalReader(directory, SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(ROLL_CYCLE).readOnly(false).build());
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException(directory, -1, "cannot open journal: " + ex, ex);
        }
    }

    /**
     * Reads the next record into {@code event} or {@code decision}.
     *
     * @return the {@link RecordKind} read, or {@link RecordKind#END_OF_JOURNAL}.
     */
    public byte next(final Event event, final DecisionRecord decision)
    {
        long index = previousIndex;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return RecordKind.END_OF_JOURNAL;
            }
            index = dc.index();
            checkContinuity(index);
            final Bytes<?> bytes = dc.wire().bytes();
            final byte kind = codec.beginRead(bytes);
            if (header == null && kind != RecordKind.RUN_HEADER)
            {
                throw new CorruptRecordException("journal does not start with a run header (kind " + kind +
                    ")");
            }
            if (endedCleanly)
            {
                endedCleanly = false; // a later run appended to this journal
            }
            switch (kind)
            {
                case RecordKind.EVENT -> codec.readEvent(event);
                case RecordKind.DECISION -> codec.readDecision(decision);
                case RecordKind.RUN_HEADER ->
                {
                    header = codec.readHeader();
                    recordsInRun = 0;
                }
                case RecordKind.RUN_END ->
                {
                    endRecordCount = codec.readRunEnd();
                    if (endRecordCount != recordsInRun)
                    {
                        throw new CorruptRecordException("end-of-run marker counts " + endRecordCount +
                            " records in the run, but " + recordsInRun + " were read: records are missing");
                    }
                    endedCleanly = true;
                }
                default -> throw new CorruptRecordException("unknown record kind " + kind);
            }
            codec.endRead();
            if (header != null && (header.schemaVersion() < RecordKind.OLDEST_READABLE_SCHEMA_VERSION ||
                header.schemaVersion() > RecordKind.SCHEMA_VERSION))
            {
                throw new CorruptRecordException("run header declares unknown schema version " +
                    header.schemaVersion() + " (this build reads versions " +
                    RecordKind.OLDEST_READABLE_SCHEMA_VERSION + " to " + RecordKind.SCHEMA_VERSION + ")");
            }
            previousIndex = index;
            records++;
            recordsInRun++;
            return kind;
        }
        catch (final JournalException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            final String detail = ex instanceof CorruptRecordException ? ex.getMessage() : ex.toString();
            throw new JournalException(fileOf(index), index, detail, ex);
        }
    }

    private void checkContinuity(final long index)
    {
        if (previousIndex < 0)
        {
            return;
        }
        final int cycle = ROLL_CYCLE.toCycle(index);
        final int previousCycle = ROLL_CYCLE.toCycle(previousIndex);
        final long sequence = ROLL_CYCLE.toSequenceNumber(index);
        final boolean contiguous = cycle == previousCycle ?
            sequence == ROLL_CYCLE.toSequenceNumber(previousIndex) + 1 : cycle > previousCycle && sequence == 0;
        if (!contiguous)
        {
            throw new CorruptRecordException("records missing: index " + Long.toHexString(index) +
                " follows " + Long.toHexString(previousIndex));
        }
    }

    /** @return the queue file holding the record at {@code index}, or the directory when unknown. */
    public Path fileOf(final long index)
    {
        if (index < 0)
        {
            return directory;
        }
        final int cycle = ROLL_CYCLE.toCycle(index);
        return directory.resolve(FILE_DATE.format(Instant.ofEpochSecond(cycle * 86_400L)) + "F.cq4");
    }

    /**
     * Call after {@link RecordKind#END_OF_JOURNAL}: a journal whose last run has no end-of-run marker was truncated,
     * or its writer died before closing it (kill -9, power loss). Either way records may be missing.
     *
     * @throws JournalException naming the last file and index read.
     */
    public void requireCleanEnd()
    {
        if (header == null)
        {
            throw new JournalException(firstQueueFile(), -1, "no readable record: the journal is empty, truncated or " +
                "corrupt (a journal always starts with a run header)", null);
        }
        if (!endedCleanly)
        {
            throw new JournalException(fileOf(previousIndex), previousIndex, "journal ends after " + records +
                " records without an end-of-run marker: it was truncated, or the daemon was killed before it " +
                "closed the journal; records after this index may be lost (replay with --allow-unclosed to accept " +
                "what is there)", null);
        }
    }

    private Path firstQueueFile()
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().findFirst()
                .orElse(directory);
        }
        catch (final IOException ex)
        {
            return directory;
        }
    }

    /** @return the run header read so far (the latest one), or null before the first record. */
    public RunHeader header()
    {
        return header;
    }

    /** @return the index of the last record read, or -1. */
    public long lastIndex()
    {
        return previousIndex;
    }

    /** @return records read so far. */
    public long records()
    {
        return records;
    }

    /** @return true when the last record read is a clean end-of-run marker. */
    public boolean endedCleanly()
    {
        return endedCleanly;
    }

    /** @return the record count stated by the last end-of-run marker, or -1. */
    public long endRecordCount()
    {
        return endRecordCount;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
