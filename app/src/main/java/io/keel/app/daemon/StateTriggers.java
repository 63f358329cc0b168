package io.keel.app.daemon;

import io.keel.core.event.OperatorCommand;
import io.keel.risk.AuditLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BiConsumer;

/**
 * Operator trigger files in the state directory: {@code KILL}, {@code FLATTEN} and {@code RESET}, each holding the
 * operator's reason. {@code keel kill} writes them; the running daemon takes each (deletes it) and publishes the
 * command, so the request is journaled and audited. A trigger written while no daemon runs is honoured at the next
 * start for KILL and FLATTEN (fail safe), and discarded for RESET (a reset is a decision about a running system).
 */
public final class StateTriggers
{
    /** Trigger file names and their commands, in the order they are taken. */
    private static final String[] NAMES = {"KILL", "FLATTEN", "RESET"};
    private static final OperatorCommand[] COMMANDS =
        {OperatorCommand.KILL, OperatorCommand.FLATTEN_ALL, OperatorCommand.RESET_KILL};

    private StateTriggers()
    {
    }

    /**
     * Writes a trigger for a running (or the next) daemon.
     *
     * @return the file written.
     */
    public static Path write(final Path stateDir, final OperatorCommand command, final String reason)
        throws IOException
    {
        final String name = switch (command)
        {
            case KILL -> "KILL";
            case FLATTEN_ALL -> "FLATTEN";
            case RESET_KILL -> "RESET";
            default -> throw new IllegalArgumentException("no trigger file for " + command);
        };
        Files.createDirectories(stateDir);
        final Path temp = stateDir.resolve(name + ".tmp");
        Files.writeString(temp, reason, StandardCharsets.UTF_8);
        final Path file = stateDir.resolve(name);
        try
        {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Takes every trigger present and hands its command and reason over. */
    static void poll(final Path stateDir, final BiConsumer<OperatorCommand, String> publish)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            final Path file = stateDir.resolve(NAMES[i]);
            if (Files.exists(file))
            {
                String reason;
                try
                {
                    reason = Files.readString(file, StandardCharsets.UTF_8).strip();
                }
                catch (final IOException ex)
                {
                    reason = "(unreadable trigger: " + ex.getMessage() + ")";
                }
                // acted on (a kill latched on disk) before the trigger goes: a crash in between repeats, never loses
                publish.accept(COMMANDS[i], reason.isEmpty() ? "(no reason given)" : reason);
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException("cannot remove trigger " + file, ex);
                }
            }
        }
    }

    /** Drops a RESET trigger left from when no daemon ran, saying so in the audit log. */
    static void discardStaleResets(final Path stateDir, final AuditLog audit)
    {
        final Path reset = stateDir.resolve("RESET");
        try
        {
            if (Files.deleteIfExists(reset))
            {
                audit.record(0, "startup", "discarded RESET trigger", "written while no daemon ran; reset a " +
                    "running daemon");
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot remove stale trigger " + reset, ex);
        }
    }
}
