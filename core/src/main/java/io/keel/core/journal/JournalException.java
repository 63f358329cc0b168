package io.keel.core.journal;

import java.nio.file.Path;

/** A journal that cannot be read as written: corrupt, truncated or of an unknown schema. Names file and index. */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long index;

    /**
     * @param file   the queue file, or the directory when no file applies.
     * @param index  the Chronicle index of the offending record, or -1.
     * @param detail what is wrong.
     * @param cause  underlying exception or null.
     */
    public JournalException(final Path file, final long index, final String detail, final Throwable cause)
    {
        super(format(file, index, detail), cause);
        this.file = file;
        this.index = index;
    }

    private static String format(final Path file, final long index, final String detail)
    {
        return "journal error in " + file + (index >= 0 ? " at index 0x" + Long.toHexString(index) + " (cycle " +
            (index >>> 32) + ", record " + (index & 0xFFFF_FFFFL) + ")" : "") + ": " + detail;
    }

    /** @return the file or directory the error is in. */
    public Path file()
    {
        return file;
    }

    /** @return the record index, or -1. */
    public long index()
    {
        return index;
    }
}
