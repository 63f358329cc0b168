package io.keel.core.journal;

import io.keel.core.Side;
import io.keel.core.event.Event;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

final class JournalTestSupport
{
    static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private JournalTestSupport()
    {
    }

    static RunHeader header()
    {
        return new RunHeader(RecordKind.SCHEMA_VERSION, "test", "crypto_scalp", "abc", 7, "mode: crypto_scalp\n");
    }

    static void writeTrades(final Path dir, final int count)
    {
        try (JournalWriter writer = JournalWriter.open(dir, START_NS, header()))
        {
            final Event event = new Event();
            for (int i = 0; i < count; i++)
            {
                event.trade(START_NS + i * 1_000_000L, 0, Side.BUY, 100_00 + i, 5 + i).sequence = i + 1;
                writer.append(event);
            }
        }
    }

    static Path onlyQueueFile(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> queueFiles = files.filter(p -> p.toString().endsWith(".cq4")).toList();
            if (queueFiles.size() != 1)
            {
                throw new IllegalStateException("expected one queue file, found " + queueFiles);
            }
            return queueFiles.get(0);
        }
    }

    /** @return offset just past the last non-zero byte of a (sparse, preallocated) queue file. */
    static long dataEnd(final Path file) throws IOException
    {
        final byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] == 0)
        {
            end--;
        }
        return end;
    }

    static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }
}
