package io.keel.core.event;

/**
 * How an order is priced.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum OrderType
{
    NONE(0),
    MARKET(1),
    LIMIT(2);

    private static final OrderType[] BY_CODE = EnumCodes.byCode(OrderType.class, OrderType::code);
    private final byte code;

    OrderType(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static OrderType fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
