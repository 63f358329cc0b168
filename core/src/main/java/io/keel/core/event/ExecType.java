package io.keel.core.event;

/**
 * What an execution report says happened to an order.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum ExecType
{
    NONE(0),
    ACKED(1),
    PARTIALLY_FILLED(2),
    FILLED(3),
    CANCELED(4),
    REJECTED(5),
    EXPIRED(6),
    /**
     * The venue's answer was lost (timeout, 5xx): the order may or may not exist; resolved by querying it by its
     * client order id, never by sending it again.
     */
    UNKNOWN(7),
    /**
     * Not an order state: part of a fill's commission the venue took in the instrument itself (Binance charges the
     * asset received, so a buy without BNB pays in the base asset). The position shrinks by {@code quantity}, valued
     * at {@code price}; {@code fee} is that value in money units. Follows the fill it belongs to.
     */
    FEE_IN_KIND(8);

    private static final ExecType[] BY_CODE = EnumCodes.byCode(ExecType.class, ExecType::code);
    private final byte code;

    ExecType(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static ExecType fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
