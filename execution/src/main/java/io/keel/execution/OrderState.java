package io.keel.execution;

/** Life-cycle state of one order in the order state machine. */
public enum OrderState
{
    /** Sent, no venue answer yet. */
    NEW,
    ACKED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED,
    /** The venue's answer is unknown (timeout, 5xx): counts as exposure until reconciled. */
    UNKNOWN;

    /** @return true when no further report can change the order. */
    public boolean isTerminal()
    {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
