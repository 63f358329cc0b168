package io.keel.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The kill switch's memory across crashes: {@code <stateDir>/kill-switch.latched} exists exactly while the switch is
 * engaged. Written (temp file, forced, atomically renamed, directory forced) before the engagement is acted on, so a
 * {@code kill -9} at any point after it leaves the latch in place; the next start engages the switch before it trades.
 * Only an operator reset removes it.
 */
public final class KillSwitchLatch
{
    private final Path dir;
    private final Path file;

    /** @param stateDir the state directory. */
    public KillSwitchLatch(final Path stateDir)
    {
        this.dir = stateDir;
        this.file = stateDir.resolve("kill-switch.latched");
    }

    /** @return true when a latch survives from an earlier engagement. */
    public boolean engaged()
    {
        return Files.exists(file);
    }

    /** @return the reason written with the latch, or null. */
    public String reason()
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        }
        catch (final IOException ex)
        {
            return "(unreadable latch: " + ex.getMessage() + ")";
        }
    }

    /** Writes the latch durably. */
    public void engage(final String reason)
    {
        try
        {
            Files.createDirectories(dir);
            final Path temp = dir.resolve("kill-switch.latched.tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                channel.write(java.nio.ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try
            {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the kill-switch latch " + file, ex);
        }
    }

    /** Removes the latch (operator reset). */
    public void clear()
    {
        try
        {
            Files.deleteIfExists(file);
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove the kill-switch latch " + file, ex);
        }
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // some file systems cannot open a directory for sync; the file itself was forced
        }
    }
}
