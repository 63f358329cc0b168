package io.keel.app.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * Watches the free space of the journal's disk, off the decision thread (the daemon's main loop asks once a second).
 * Below {@code journal.minFreeMb} trading must halt; below half of it the daemon must stop and close its journal
 * cleanly, before a write can fail: a journal is never left cut by a full disk.
 */
final class DiskGuard
{
    /** What the space left asks for. */
    enum Level
    {
        OK, LOW, CRITICAL
    }

    private final Path dir;
    private final long minFreeBytes;
    private final ToLongFunction<Path> usable;
    private long lastFree = Long.MAX_VALUE;

    /**
     * @param dir          a directory on the journal's disk.
     * @param minFreeBytes the threshold (positive).
     * @param usable       usable bytes of the disk holding a path (the real file store in the daemon).
     */
    DiskGuard(final Path dir, final long minFreeBytes, final ToLongFunction<Path> usable)
    {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.usable = usable;
    }

    /** @return a guard of the journal directory's disk, or null when the journal or the guard is off. */
    static DiskGuard of(final Path journalDir, final long minFreeMb)
    {
        return journalDir == null || minFreeMb <= 0 ? null : new DiskGuard(journalDir, minFreeMb * 1024 * 1024,
            DiskGuard::usableSpace);
    }

    private static long usableSpace(final Path path)
    {
        try
        {
            return Files.getFileStore(path).getUsableSpace();
        }
        catch (final IOException e)
        {
            return Long.MAX_VALUE; // cannot tell: a check that fails must not stop a healthy daemon
        }
    }

    Level check()
    {
        lastFree = usable.applyAsLong(dir);
        return lastFree < minFreeBytes / 2 ? Level.CRITICAL : lastFree < minFreeBytes ? Level.LOW : Level.OK;
    }

    /** @return what the last check found, for the log and the audit. */
    String describe()
    {
        return "the journal's disk (" + dir + ") has " + lastFree / (1024 * 1024) + " MB free, below " +
            "journal.minFreeMb " + minFreeBytes / (1024 * 1024);
    }
}
