package io.keel.engine;

import io.keel.core.event.Event;

/**
 * What a journal is replayed into: the chain with the simulated exchange ({@link EventTimePipeline}, a backtest), or
 * the chain fed the journal's own execution reports ({@link RecordedRun}, the run as it happened).
 *
 * <p>Single-threaded.
 */
public interface ReplayPipeline
{
    /**
     * Feeds one journaled event; records the pipeline does not take (its own outputs) are skipped.
     *
     * @return true when the event went through the pipeline.
     */
    boolean onJournaledEvent(Event event);

    /** The input ended: whatever is still on its way is finished. */
    void finish();

    /** @return the decision chain. */
    DecisionChain chain();
}
