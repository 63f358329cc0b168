package io.keel.app.daemon;

import io.keel.core.event.OperatorCommand;
import io.keel.monitoring.control.DaemonControl;
import io.keel.risk.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The daemon's watchdogs, polled by its main thread (never the decision thread): the journal's disk once a second
 * (below {@code journal.minFreeMb} trading halts, once; below half of it the daemon stops with its journal closed
 * cleanly), the operator's trigger files ({@code keel kill}) ten times a second, and the audit entries the decision
 * thread queued, written and forced to disk here.
 *
 * <p>Single-threaded.
 */
final class Watchdogs
{
    private static final Logger LOG = LoggerFactory.getLogger(Watchdogs.class);
    private static final long DISK_EVERY_NS = 1_000_000_000L;
    private static final long TRIGGERS_EVERY_NS = 100_000_000L;

    private final DiskGuard disk;
    private final Path stateDir;
    private final AuditQueue queue;
    private final AuditLog audit;
    private final DaemonControl daemon;
    private long nextDiskCheckNs;
    private long nextTriggerPollNs;
    private boolean diskHalted;

    /**
     * @param disk     the journal disk's guard, or null without a journal.
     * @param stateDir the state directory (trigger files), or null.
     * @param audit    where queued audit entries go, or null without a state directory.
     */
    Watchdogs(final DiskGuard disk, final Path stateDir, final AuditQueue queue, final AuditLog audit,
        final DaemonControl daemon)
    {
        this.disk = disk;
        this.stateDir = stateDir;
        this.queue = queue;
        this.audit = audit;
        this.daemon = daemon;
    }

    /** One round: whatever is due at {@code nowNs} (the wall clock's nanoTime). */
    void poll(final long nowNs)
    {
        drainAudit();
        if (stateDir != null && nowNs - nextTriggerPollNs >= 0)
        {
            nextTriggerPollNs = nowNs + TRIGGERS_EVERY_NS;
            StateTriggers.poll(stateDir, (command, reason) -> daemon.command(command, "operator:file", reason));
        }
        if (disk != null && nowNs - nextDiskCheckNs >= 0)
        {
            nextDiskCheckNs = nowNs + DISK_EVERY_NS;
            checkDisk();
        }
    }

    /** Writes the audit entries the decision thread queued (also at shutdown, before the log closes). */
    void drainAudit()
    {
        if (audit != null)
        {
            queue.drain(audit);
        }
    }

    private void checkDisk()
    {
        final DiskGuard.Level level = disk.check();
        if (level != DiskGuard.Level.OK && !diskHalted)
        {
            diskHalted = true;
            LOG.error("ALERT {}: trading halted (kill switch)", disk.describe());
            daemon.command(OperatorCommand.KILL, "daemon:disk", disk.describe());
        }
        if (level == DiskGuard.Level.CRITICAL)
        {
            LOG.error("ALERT {}, and under half of it: stopping the daemon and closing the journal before the disk " +
                "fills", disk.describe());
            daemon.requestStop();
        }
    }
}
