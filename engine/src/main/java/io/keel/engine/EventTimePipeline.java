package io.keel.engine;

import com.lmax.disruptor.EventHandler;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.journal.JournalWriter;
import io.keel.execution.SimExchange;

/**
 * The decision thread's pipeline when orders go to the simulated exchange, in backtests and in paper trading alike:
 * for each inbound event the exchange sees it first (resting orders fill against the market as it now is, orders
 * whose modelled latency has passed in event time arrive), then the decision consumer sequences, journals and
 * decides it, then every report the exchange made is fed back through the consumer. Intents reach the exchange on
 * this thread as they are sent. Fills therefore land at fixed points of the event sequence, whatever the thread
 * timing of whoever published the events: a paper run and the backtest of its journal give the same orders and fills.
 *
 * <p>Single-threaded (the decision thread); allocation-free per event.
 */
public final class EventTimePipeline implements EventHandler<Event>, ReplayPipeline
{
    static final BacktestListener NONE = new BacktestListener()
    {
    };
    private final SimExchange exchange;
    private final EventQueue reports = new EventQueue(4096);
    private final DecisionConsumer consumer;
    private final BacktestListener listener;
    private Runnable onShutdown;

    /**
     * @param loaded  configuration.
     * @param journal output journal, or null.
     */
    public EventTimePipeline(final LoadedConfig loaded, final JournalWriter journal)
    {
        this(loaded, journal, NONE);
    }

    /**
     * @param loaded   configuration.
     * @param journal  output journal, or null.
     * @param listener told of decisions, intents, reports and replayed events.
     */
    public EventTimePipeline(final LoadedConfig loaded, final JournalWriter journal, final BacktestListener listener)
    {
        this.listener = listener;
        exchange = new SimExchange(loaded.instruments(), loaded.config().sim().bookLevels(),
            loaded.money().makerFeeCentiBps(), loaded.money().takerFeeCentiBps(),
            Math.round(loaded.config().execution().latencyMs() * 1_000_000));
        final JournalingOutput journaling = new JournalingOutput(journal, intent -> exchange.onOrder(intent, reports));
        final DecisionOutput output = listener == NONE ? journaling : new DecisionOutput()
        {
            @Override
            public void onDecision(final DecisionRecord record)
            {
                journaling.onDecision(record);
                listener.onDecision(record);
            }

            @Override
            public void onIntent(final Event intent)
            {
                journaling.onIntent(intent);
                listener.onIntent(intent);
            }
        };
        consumer = new DecisionConsumer(journal, new DecisionChain(loaded, output));
    }

    /**
     * Feeds one journaled (or freshly published) event: inbound market events, timers, operator commands and
     * configuration changes go through; our own outputs and recorded execution reports are skipped (the simulated
     * exchange makes its own).
     *
     * @return true when the event went through the pipeline.
     */
    @Override
    public boolean onJournaledEvent(final Event event)
    {
        if (!event.type.isInbound() || event.type == EventType.EXECUTION_REPORT)
        {
            return false;
        }
        listener.beforeEvent(event, consumer.chain());
        exchange.onMarketEvent(event, reports);
        consumer.handle(event);
        handleReports();
        listener.afterEvent(event, consumer.chain());
        return true;
    }

    @Override
    public void onEvent(final Event event, final long ringSequence, final boolean endOfBatch)
    {
        onJournaledEvent(event);
    }

    /** On the ring's shutdown: the exchange is drained (as at a backtest's end), then {@code onShutdown} runs. */
    @Override
    public void onShutdown()
    {
        drainExchange();
        if (onShutdown != null)
        {
            onShutdown.run();
        }
    }

    /** Work to run on the decision thread once the ring stopped and the exchange drained (close the journal). */
    public void onShutdown(final Runnable action)
    {
        this.onShutdown = action;
    }

    private void handleReports()
    {
        Event report;
        while ((report = reports.poll()) != null)
        {
            consumer.handle(report);
            listener.onReport(report, consumer.chain());
        }
    }

    /** The input ended: orders and cancels still on their way reach the exchange, and their reports the chain. */
    public void drainExchange()
    {
        exchange.drain(reports);
        handleReports();
    }

    @Override
    public void finish()
    {
        drainExchange();
    }

    /** @return the decision chain. */
    @Override
    public DecisionChain chain()
    {
        return consumer.chain();
    }

    /** @return the decision consumer (sequence, journal, chain). */
    public DecisionConsumer consumer()
    {
        return consumer;
    }
}
