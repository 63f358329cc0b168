package io.keel.core.event;

/**
 * Why an order was vetoed by risk or rejected by a venue; NONE when accepted.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum RejectReason
{
    NONE(0),
    KILL_SWITCH(1),
    MAX_ORDER_NOTIONAL(2),
    MAX_POSITION(3),
    DAILY_LOSS_STOP(4),
    BELOW_MIN_NOTIONAL(5),
    ORDER_PENDING(6),
    NO_LIQUIDITY(7),
    UNKNOWN_ORDER(8),
    INVALID_ORDER(9),
    INSTRUMENT_HALTED(10),
    /** Larger than the instrument's maximum order quantity. */
    MAX_ORDER_QUANTITY(11),
    /** Priced further from the reference (mid) than the collar allows. */
    PRICE_COLLAR(12),
    /** Gross exposure after the order above the limit. */
    GROSS_EXPOSURE(13),
    /** Net exposure after the order above the limit. */
    NET_EXPOSURE(14),
    /** Working orders (open and UNKNOWN) plus this one above the credit limit. */
    CREDIT_LIMIT(15),
    /** The same order again within the duplicate window. */
    DUPLICATE_ORDER(16),
    /** Over the new-order message rate. */
    THROTTLED(17),
    /** Would trade against one of our own working orders. */
    SELF_TRADE(18),
    /** Price not a multiple of the tick size. */
    TICK_SIZE(19),
    /** Quantity not a multiple of the lot size (step). */
    LOT_SIZE(20),
    /** The instrument's volatility breaker is tripped. */
    VOLATILITY_HALT(21),
    /** Trades print away from our book: the feed-divergence breaker is tripped. */
    FEED_DIVERGENCE(22),
    /** Equity fell from the day's peak by more than the drawdown stop. */
    DRAWDOWN_STOP(23),
    /** An operator stopped new entries (the panel's "stop new entries"). */
    ENTRIES_STOPPED(24);

    private static final RejectReason[] BY_CODE = EnumCodes.byCode(RejectReason.class, RejectReason::code);
    private final byte code;

    RejectReason(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static RejectReason fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
