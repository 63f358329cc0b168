package io.keel.core.decision;

import io.keel.core.event.EnumCodes;

import java.util.Locale;

/**
 * How the order desk works a decision's order: {@link #DIRECT} sends it as one order (priced as
 * {@code execution.orderType} says); the others hand it to the execution algorithm of that name as a parent order
 * worked in child orders.
 *
 * <p>Persisted in the journal (a decision record names its algorithm) by its explicit code: a new value takes a new
 * code, and no code is ever reused.
 */
public enum AlgoKind
{
    DIRECT(0),
    MARKET(1),
    PASSIVE(2),
    TWAP(3),
    VWAP(4),
    POV(5),
    ICEBERG(6);

    private static final AlgoKind[] BY_CODE = EnumCodes.byCode(AlgoKind.class, AlgoKind::code);
    private final byte code;

    AlgoKind(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the name as configured ({@code execution.algo}) and reported: lower case. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static AlgoKind fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }

    /** @return the value configured as {@code label}, or null if there is none of that name. */
    public static AlgoKind ofLabel(final String label)
    {
        for (final AlgoKind kind : values())
        {
            if (kind.label().equals(label))
            {
                return kind;
            }
        }
        return null;
    }
}
