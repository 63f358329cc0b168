package io.keel.ingest.importer;

import java.nio.file.Path;

/**
 * The first row an import could not read, kept to say which and why: a file where nothing could be read is refused
 * with it, and a partly malformed one reports it beside its counts.
 */
public final class BadRows
{
    private static final int EXCERPT = 160;
    private String first;

    /** Keeps the row if it is the first bad one. */
    public void record(final Path file, final long line, final String text, final String reason)
    {
        if (first == null)
        {
            first = describe(file, line, text, reason);
        }
    }

    /** @return {@code FILE line N: reason; the line reads: excerpt}, the excerpt cut to 160 characters. */
    public static String describe(final Path file, final long line, final String text, final String reason)
    {
        final String excerpt = text == null ? "" : text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
        return file + " line " + line + ": " + reason + "; the line reads: " + excerpt;
    }

    /** @return the first bad row, described, or null when every row was read. */
    public String first()
    {
        return first;
    }
}
