package io.keel.engine;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;

/**
 * Watches a {@link EventTimePipeline} from its own thread: what the chain decided and sent, what the simulated
 * exchange reported, and each replayed event once the chain and the exchange are done with it. Every argument is
 * reused after the call: copy what you keep.
 */
public interface BacktestListener
{
    /** A decision (an order or a veto); for an order it comes right before the intent. */
    default void onDecision(final DecisionRecord record)
    {
    }

    /** An order intent (new order, or a cancel), after it was journaled and handed to the exchange. */
    default void onIntent(final Event intent)
    {
    }

    /** An execution report, after the chain applied it (its portfolio includes a fill). */
    default void onReport(final Event report, final DecisionChain chain)
    {
    }

    /** A replayed inbound event, before the exchange and the chain see it (the book is as the last one left it). */
    default void beforeEvent(final Event event, final DecisionChain chain)
    {
    }

    /** A replayed inbound event, after the chain, the exchange and every report it caused. */
    default void afterEvent(final Event event, final DecisionChain chain)
    {
    }
}
