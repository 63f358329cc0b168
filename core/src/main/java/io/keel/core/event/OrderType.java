package io.keel.core.event;

/**
 * How an order is priced.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum OrderType
{
    NONE,
    MARKET,
    LIMIT;

    private static final OrderType[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static OrderType fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
