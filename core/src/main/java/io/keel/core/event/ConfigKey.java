package io.keel.core.event;

/**
 * A live-tunable setting changed by a journaled CONFIG_CHANGE event.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum ConfigKey
{
    NONE,
    MAX_ORDER_NOTIONAL_MONEY,
    MAX_POSITION_NOTIONAL_MONEY,
    DAILY_LOSS_STOP_MONEY;

    private static final ConfigKey[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static ConfigKey fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
