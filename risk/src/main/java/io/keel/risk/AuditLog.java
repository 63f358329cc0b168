package io.keel.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * The audit log of every halt, reset and control action: one JSON object per line in {@code <stateDir>/audit.log},
 * appended and forced to disk before the call returns, so a crash right after a halt still shows it. Fields: wall
 * time, event time, who, what, reason. Rare by nature (halts, operator actions), so a synchronous write is fine even
 * from the decision thread. Thread safe.
 */
public final class AuditLog implements AutoCloseable
{
    private final Path file;
    private final FileChannel channel;
    private final Clock clock;

    private AuditLog(final Path file, final FileChannel channel, final Clock clock)
    {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
    }

    /** Opens (creating) {@code <dir>/audit.log} for appending. */
    public static AuditLog open(final Path dir, final Clock clock)
    {
        try
        {
            Files.createDirectories(dir);
            final Path file = dir.resolve("audit.log");
            return new AuditLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), clock);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the audit log in " + dir, ex);
        }
    }

    /** @return the file. */
    public Path file()
    {
        return file;
    }

    /**
     * Appends one entry and forces it to disk.
     *
     * @param eventTimeNs event time of what happened (0 when not known).
     * @param who         who or what acted: {@code operator:cli}, {@code operator:file}, {@code breaker}, ...
     * @param what        the action or state change.
     * @param reason      why.
     */
    public void record(final long eventTimeNs, final String who, final String what, final String reason)
    {
        record(Instant.now(clock), eventTimeNs, who, what, reason);
    }

    /**
     * Appends one entry that happened at {@code wall} (an entry queued earlier keeps its time) and forces it to disk.
     */
    public synchronized void record(final Instant wall, final long eventTimeNs, final String who, final String what,
        final String reason)
    {
        final String line = "{\"wall\":\"" + wall + "\",\"eventTime\":\"" +
            (eventTimeNs == 0 ? "" : Instant.ofEpochSecond(0, eventTimeNs).toString()) + "\",\"who\":\"" +
            escape(who) + "\",\"what\":\"" + escape(what) + "\",\"reason\":\"" + escape(reason) + "\"}\n";
        try
        {
            final ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the audit log " + file, ex);
        }
    }

    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public synchronized void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close the audit log " + file, ex);
        }
    }
}
