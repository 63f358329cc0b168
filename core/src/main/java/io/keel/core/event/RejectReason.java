package io.keel.core.event;

/**
 * Why an order was vetoed by risk or rejected by a venue; NONE when accepted.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum RejectReason
{
    NONE,
    KILL_SWITCH,
    MAX_ORDER_NOTIONAL,
    MAX_POSITION,
    DAILY_LOSS_STOP,
    BELOW_MIN_NOTIONAL,
    ORDER_PENDING,
    NO_LIQUIDITY,
    UNKNOWN_ORDER,
    INVALID_ORDER,
    INSTRUMENT_HALTED;

    private static final RejectReason[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static RejectReason fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
