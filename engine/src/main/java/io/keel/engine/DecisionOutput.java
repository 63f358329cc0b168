package io.keel.engine;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;

/** Where the decision chain's output goes: journal + order ring (paper), the simulated exchange (replay), a diff. */
public interface DecisionOutput
{
    /** A decision was taken (an order, or a veto); the record is reused after the call. */
    void onDecision(DecisionRecord record);

    /** An order intent (new order, or a cancel: command CANCEL_ALL with the order's id); reused after the call. */
    void onIntent(Event intent);
}
