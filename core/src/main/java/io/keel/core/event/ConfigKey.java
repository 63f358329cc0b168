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
    DAILY_LOSS_STOP_MONEY,
    /** Turns one model of the zoo off (value 0) or on (1); the event's {@code level} is its index in the zoo. */
    MODEL_ENABLED,
    /**
     * Re-parameterises one model: its edges are multiplied by value / 1,000,000 (1,000,000 = as configured); the
     * event's {@code level} is its index in the zoo.
     */
    MODEL_EDGE_SCALE;

    private static final ConfigKey[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static ConfigKey fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
