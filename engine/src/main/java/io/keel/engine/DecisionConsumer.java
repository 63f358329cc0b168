package io.keel.engine;

import com.lmax.disruptor.EventHandler;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalWriter;

/**
 * The one consumer of the inbound ring (see ARCHITECTURE "Threads"): for each event, (1) give it the next inbound
 * sequence number, (2) journal it, (3) run the decision chain on it. Used directly (without a ring) by replay.
 *
 * <p>Single-threaded; allocation-free.
 */
public final class DecisionConsumer implements EventHandler<Event>
{
    private DecisionMetrics metrics = DecisionMetrics.NONE;
    private final JournalWriter journal;
    private final DecisionChain chain;
    private long sequence;
    private Runnable onShutdown;

    /**
     * @param journal the journal, or null to run without one.
     * @param chain   the decision chain.
     */
    public DecisionConsumer(final JournalWriter journal, final DecisionChain chain)
    {
        this.journal = journal;
        this.chain = chain;
    }

    /** Times a sample of journal appends into these metrics from now on. */
    public void metrics(final ChainMetrics chainMetrics)
    {
        this.metrics = chainMetrics;
    }

    /** Sequences, journals and decides one inbound event. */
    public void handle(final Event event)
    {
        event.sequence = ++sequence;
        if (journal != null)
        {
            final long start = metrics.startJournalAppend();
            journal.append(event);
            metrics.journalAppended(start);
        }
        chain.onInbound(event);
    }

    @Override
    public void onEvent(final Event event, final long ringSequence, final boolean endOfBatch)
    {
        handle(event);
    }

    @Override
    public void onShutdown()
    {
        if (onShutdown != null)
        {
            onShutdown.run();
        }
    }

    /** Work to run on the decision thread when the ring shuts down (close the journal, snapshot the summary). */
    public void onShutdown(final Runnable action)
    {
        this.onShutdown = action;
    }

    /** @return the last inbound sequence assigned. */
    public long sequence()
    {
        return sequence;
    }

    /** @return the chain. */
    public DecisionChain chain()
    {
        return chain;
    }
}
