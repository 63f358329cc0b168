package io.keel.engine;

import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;

/**
 * A journaled run as it happened: every journaled inbound event, the venue's (or the simulated exchange's) execution
 * reports included, goes through the decision chain exactly as {@code verify} feeds it, so the chain regenerates the
 * run's own decisions and intents, and its portfolio follows the journaled fills. A listener sees the same calls in
 * the same order as from an {@link EventTimePipeline}: each inbound event, then the reports that followed it, then
 * the event's end. What a backtest of a paper run gives can therefore be compared with the run itself, file for file.
 *
 * <p>Single-threaded; allocation-free per event.
 */
public final class RecordedRun implements ReplayPipeline
{
    private final DecisionConsumer consumer;
    private final BacktestListener listener;
    private final Event pending = new Event();
    private boolean hasPending;

    /**
     * @param loaded   configuration.
     * @param listener told of decisions, intents, reports and events.
     */
    public RecordedRun(final LoadedConfig loaded, final BacktestListener listener)
    {
        this.listener = listener;
        this.consumer = new DecisionConsumer(null, new DecisionChain(loaded, new DecisionOutput()
        {
            @Override
            public void onDecision(final DecisionRecord record)
            {
                listener.onDecision(record);
            }

            @Override
            public void onIntent(final Event intent)
            {
                listener.onIntent(intent);
            }
        }));
    }

    @Override
    public boolean onJournaledEvent(final Event event)
    {
        if (!event.type.isInbound())
        {
            return false;
        }
        if (event.type == EventType.EXECUTION_REPORT)
        {
            consumer.handle(event);
            listener.onReport(event, consumer.chain());
            return true;
        }
        endPending();
        listener.beforeEvent(event, consumer.chain());
        consumer.handle(event);
        pending.copyFrom(event);
        hasPending = true;
        return true;
    }

    private void endPending()
    {
        if (hasPending)
        {
            hasPending = false;
            listener.afterEvent(pending, consumer.chain());
        }
    }

    @Override
    public void finish()
    {
        endPending();
    }

    @Override
    public DecisionChain chain()
    {
        return consumer.chain();
    }
}
