package io.keel.core;

/** Order or aggressor side. {@link #NONE} marks an unknown aggressor. */
public enum Side
{
    NONE(0, 0),
    BUY(1, 1),
    SELL(-1, 2);

    private static final Side[] BY_CODE = io.keel.core.event.EnumCodes.byCode(Side.class, Side::code);
    private final int sign;
    private final byte code;

    Side(final int sign, final int code)
    {
        this.sign = sign;
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return +1 for buy, -1 for sell, 0 for none. */
    public int sign()
    {
        return sign;
    }

    /** @return the side of a persisted code, or null when unknown. */
    public static Side fromCode(final int code)
    {
        return io.keel.core.event.EnumCodes.lookup(BY_CODE, code);
    }

    /** @return the side whose sign matches a signed quantity (NONE for zero). */
    public static Side ofSign(final long signedQuantity)
    {
        return signedQuantity > 0 ? BUY : signedQuantity < 0 ? SELL : NONE;
    }
}
