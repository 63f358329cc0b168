package io.keel.core.event;

/**
 * What an execution report says happened to an order.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum ExecType
{
    NONE,
    ACKED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED,
    /**
     * The venue's answer was lost (timeout, 5xx): the order may or may not exist; resolved by querying it by its
     * client order id, never by sending it again.
     */
    UNKNOWN,
    /**
     * Not an order state: part of a fill's commission the venue took in the instrument itself (Binance charges the
     * asset received, so a buy without BNB pays in the base asset). The position shrinks by {@code quantity}, valued
     * at {@code price}; {@code fee} is that value in money units. Follows the fill it belongs to.
     */
    FEE_IN_KIND;

    private static final ExecType[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static ExecType fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
