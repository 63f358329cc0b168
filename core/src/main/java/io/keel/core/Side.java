package io.keel.core;

/** Order or aggressor side. {@link #NONE} marks an unknown aggressor. */
public enum Side
{
    NONE(0),
    BUY(1),
    SELL(-1);

    private static final Side[] VALUES = values();
    private final int sign;

    Side(final int sign)
    {
        this.sign = sign;
    }

    /** @return +1 for buy, -1 for sell, 0 for none. */
    public int sign()
    {
        return sign;
    }

    /** @return the side for a code written by {@link #ordinal()}, or null when out of range. */
    public static Side fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** @return the side whose sign matches a signed quantity (NONE for zero). */
    public static Side ofSign(final long signedQuantity)
    {
        return signedQuantity > 0 ? BUY : signedQuantity < 0 ? SELL : NONE;
    }
}
