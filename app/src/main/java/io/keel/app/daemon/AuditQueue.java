package io.keel.app.daemon;

import io.keel.risk.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Audit entries from the decision thread (every halt and reset), written and forced to disk by another thread: the
 * decision thread only queues them, stamped with the wall time they happened. The kill-switch latch is not written
 * here: it stays durable on the decision thread before anything acts on an engagement.
 *
 * <p>{@link #offer} from any thread; {@link #drain} from one thread (the daemon's watchdog loop, then its shutdown).
 */
final class AuditQueue
{
    private record Entry(Instant wall, long eventTimeNs, String who, String what, String reason)
    {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    AuditQueue(final Clock clock)
    {
        this.clock = clock;
    }

    /** Queues an entry (halts are rare: one small object each). */
    void offer(final long eventTimeNs, final String who, final String what, final String reason)
    {
        entries.add(new Entry(Instant.now(clock), eventTimeNs, who, what, reason));
    }

    /** Writes every queued entry to {@code log}, in order. @return entries written. */
    int drain(final AuditLog log)
    {
        int written = 0;
        Entry e;
        while ((e = entries.poll()) != null)
        {
            log.record(e.wall(), e.eventTimeNs(), e.who(), e.what(), e.reason());
            written++;
        }
        return written;
    }
}
