package io.keel.core.event;

/**
 * A live-tunable setting changed by a journaled CONFIG_CHANGE event.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum ConfigKey
{
    NONE(0),
    MAX_ORDER_NOTIONAL_MONEY(1),
    MAX_POSITION_NOTIONAL_MONEY(2),
    DAILY_LOSS_STOP_MONEY(3),
    /** Turns one model of the zoo off (value 0) or on (1); the event's {@code level} is its index in the zoo. */
    MODEL_ENABLED(4),
    /**
     * Re-parameterises one model: its edges are multiplied by value / 1,000,000 (1,000,000 = as configured); the
     * event's {@code level} is its index in the zoo.
     */
    MODEL_EDGE_SCALE(5);

    private static final ConfigKey[] BY_CODE = EnumCodes.byCode(ConfigKey.class, ConfigKey::code);
    private final byte code;

    ConfigKey(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static ConfigKey fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
