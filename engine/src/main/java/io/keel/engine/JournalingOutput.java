package io.keel.engine;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.journal.JournalWriter;

/**
 * Journals every decision and intent, then hands the intent to the gateway: the order ring in paper trading, the
 * simulated exchange on the decision thread in a backtest. The journal write comes first, so nothing leaves that
 * is not journaled.
 */
public final class JournalingOutput implements DecisionOutput
{
    private final JournalWriter journal;
    private final EventSink gateway;

    /**
     * @param journal the journal, or null for none.
     * @param gateway where intents go after they are journaled.
     */
    public JournalingOutput(final JournalWriter journal, final EventSink gateway)
    {
        this.journal = journal;
        this.gateway = gateway;
    }

    @Override
    public void onDecision(final DecisionRecord record)
    {
        if (journal != null)
        {
            journal.append(record);
        }
    }

    @Override
    public void onIntent(final Event intent)
    {
        if (journal != null)
        {
            journal.append(intent);
        }
        gateway.onEvent(intent);
    }
}
