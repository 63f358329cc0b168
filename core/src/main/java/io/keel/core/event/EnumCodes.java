package io.keel.core.event;

import java.lang.reflect.Array;
import java.util.function.ToIntFunction;

/**
 * Lookup of enums persisted by explicit codes: the journal stores each value's {@code code()}, never its ordinal, so
 * reordering or inserting constants cannot change what an old journal means. Codes are small non-negative ints
 * (they are written as one byte) and unique per enum; both are checked when the enum class initialises.
 */
public final class EnumCodes
{
    private EnumCodes()
    {
    }

    /**
     * @return a table indexed by code ({@code null} where no value has that code).
     * @throws IllegalStateException when two values share a code or a code is outside [0, 127].
     */
    @SuppressWarnings("unchecked")
    public static <E extends Enum<E>> E[] byCode(final Class<E> type, final ToIntFunction<E> code)
    {
        final E[] values = type.getEnumConstants();
        int max = 0;
        for (final E value : values)
        {
            final int c = code.applyAsInt(value);
            if (c < 0 || c > Byte.MAX_VALUE)
            {
                throw new IllegalStateException(type.getSimpleName() + "." + value + ": code " + c + " is outside " +
                    "[0, 127]");
            }
            max = Math.max(max, c);
        }
        final E[] table = (E[])Array.newInstance(type, max + 1);
        for (final E value : values)
        {
            final int c = code.applyAsInt(value);
            if (table[c] != null)
            {
                throw new IllegalStateException(type.getSimpleName() + "." + value + " and " + table[c] +
                    " share the code " + c);
            }
            table[c] = value;
        }
        return table;
    }

    /** @return the value of {@code code} in a table from {@link #byCode}, or null when none. */
    public static <E> E lookup(final E[] table, final int code)
    {
        return code >= 0 && code < table.length ? table[code] : null;
    }
}
