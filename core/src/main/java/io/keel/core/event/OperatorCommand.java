package io.keel.core.event;

/**
 * An operator's instruction, journaled like any other input.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum OperatorCommand
{
    NONE,
    KILL,
    RESET_KILL,
    CANCEL_ALL,
    SHUTDOWN,
    /**
     * Engage the kill switch, cancel every working order and close every position with market orders once the
     * instrument's orders are done.
     */
    FLATTEN_ALL,
    /**
     * On an ORDER_INTENT: cancel/replace. The intent is the new order (its own client order id, side, price,
     * quantity) and {@code value} is the client order id it replaces; the venue cancels the old one and takes the new
     * one, or rejects the new one when the old is no longer working.
     */
    REPLACE,
    /** Stop new entries: risk-increasing orders are refused, working orders and exits go on. */
    STOP_ENTRIES,
    /** Allow new entries again after {@link #STOP_ENTRIES}. */
    RESUME_ENTRIES,
    /** Cancel one working order: {@code clientOrderId} names it. */
    CANCEL_ORDER,
    /** Close one instrument's position ({@code instrumentId}): cancel its working orders, then a market order. */
    CLOSE_POSITION;

    private static final OperatorCommand[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static OperatorCommand fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
