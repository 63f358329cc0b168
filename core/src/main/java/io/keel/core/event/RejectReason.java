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
    INSTRUMENT_HALTED,
    /** Larger than the instrument's maximum order quantity. */
    MAX_ORDER_QUANTITY,
    /** Priced further from the reference (mid) than the collar allows. */
    PRICE_COLLAR,
    /** Gross exposure after the order above the limit. */
    GROSS_EXPOSURE,
    /** Net exposure after the order above the limit. */
    NET_EXPOSURE,
    /** Working orders (open and UNKNOWN) plus this one above the credit limit. */
    CREDIT_LIMIT,
    /** The same order again within the duplicate window. */
    DUPLICATE_ORDER,
    /** Over the new-order message rate. */
    THROTTLED,
    /** Would trade against one of our own working orders. */
    SELF_TRADE,
    /** Price not a multiple of the tick size. */
    TICK_SIZE,
    /** Quantity not a multiple of the lot size (step). */
    LOT_SIZE,
    /** The instrument's volatility breaker is tripped. */
    VOLATILITY_HALT,
    /** Trades print away from our book: the feed-divergence breaker is tripped. */
    FEED_DIVERGENCE,
    /** Equity fell from the day's peak by more than the drawdown stop. */
    DRAWDOWN_STOP,
    /** An operator stopped new entries (the panel's "stop new entries"). */
    ENTRIES_STOPPED;

    private static final RejectReason[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static RejectReason fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
