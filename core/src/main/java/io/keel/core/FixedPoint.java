package io.keel.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact arithmetic on fixed-point longs: a value {@code v} at scale {@code s} means {@code v / 10^s}.
 *
 * <p>Prices are in price units (scale {@link InstrumentSpec#priceScale()}), quantities in quantity units (scale
 * {@link InstrumentSpec#quantityScale()}) and money (cash, notional, fees, P&amp;L) in {@link #MONEY_SCALE} units of
 * the quote currency. All methods are static, allocation-free (except the text conversions used at the edges) and
 * detect overflow: the {@code ...Exact} methods throw {@link ArithmeticException}, the others return
 * {@link #OVERFLOW}.
 */
public final class FixedPoint
{
    /** Scale of money values: 10^-8 of the quote currency. */
    public static final int MONEY_SCALE = 8;
    /** Largest supported scale. */
    public static final int MAX_SCALE = 18;
    /** Sentinel returned by the non-throwing methods when the result does not fit in a long. */
    public static final long OVERFLOW = Long.MIN_VALUE;
    /** Fee rates are carried in hundredths of a basis point: 750 means 7.5 bps. */
    public static final long CENTI_BPS_PER_UNIT = 1_000_000L;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static
    {
        POW10[0] = 1;
        for (int i = 1; i <= MAX_SCALE; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FixedPoint()
    {
    }

    /** @return 10^exponent for 0 &lt;= exponent &lt;= {@link #MAX_SCALE}. */
    public static long pow10(final int exponent)
    {
        return POW10[exponent];
    }

    /** How a division that is not exact is rounded. */
    public enum Rounding
    {
        /** Toward negative infinity. */
        FLOOR,
        /** Toward positive infinity. */
        CEILING,
        /** Toward zero. */
        DOWN,
        /** To nearest, ties to even. */
        HALF_EVEN
    }

    /**
     * Divides with the given rounding.
     *
     * @return dividend / divisor rounded; divisor must be positive.
     */
    public static long divide(final long dividend, final long divisor, final Rounding rounding)
    {
        final long quotient = dividend / divisor;
        final long remainder = dividend % divisor;
        if (remainder == 0)
        {
            return quotient;
        }
        switch (rounding)
        {
            case FLOOR:
                return remainder < 0 ? quotient - 1 : quotient;
            case CEILING:
                return remainder > 0 ? quotient + 1 : quotient;
            case DOWN:
                return quotient;
            default:
                final long absRemainder = Math.abs(remainder);
                final long rest = divisor - absRemainder;
                final long away = quotient + (remainder < 0 ? -1 : 1);
                if (absRemainder != rest)
                {
                    return absRemainder > rest ? away : quotient;
                }
                return (quotient & 1) == 0 ? quotient : away;
        }
    }

    /**
     * Changes the scale of a value.
     *
     * @return the value at {@code toScale}, rounded when scale decreases, or {@link #OVERFLOW}.
     */
    public static long rescale(final long value, final int fromScale, final int toScale, final Rounding rounding)
    {
        if (toScale >= fromScale)
        {
            return multiplyOrOverflow(value, POW10[toScale - fromScale]);
        }
        return divide(value, POW10[fromScale - toScale], rounding);
    }

    /** @return a * b, or {@link #OVERFLOW} when the product does not fit. */
    public static long multiplyOrOverflow(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return low == OVERFLOW ? OVERFLOW : low;
        }
        return OVERFLOW;
    }

    /**
     * Money value of {@code quantity} at {@code price}: exact when priceScale + quantityScale &lt;= MONEY_SCALE, which
     * {@link InstrumentSpec} enforces.
     *
     * @return the notional in money units, or {@link #OVERFLOW}.
     */
    public static long notional(final long price, final int priceScale, final long quantity, final int quantityScale)
    {
        final long product = multiplyOrOverflow(price, quantity);
        if (product == OVERFLOW)
        {
            return OVERFLOW;
        }
        return rescale(product, priceScale + quantityScale, MONEY_SCALE, Rounding.HALF_EVEN);
    }

    /** @return {@link #notional} or throws {@link ArithmeticException} on overflow. */
    public static long notionalExact(
        final long price, final int priceScale, final long quantity, final int quantityScale)
    {
        final long result = notional(price, priceScale, quantity, quantityScale);
        if (result == OVERFLOW)
        {
            throw new ArithmeticException("notional overflow: price=" + price + " quantity=" + quantity);
        }
        return result;
    }

    /**
     * Fee on a notional, rounded up (a fee never rounds in the trader's favour).
     *
     * @param notionalMoney  absolute notional in money units.
     * @param feeRateCentiBps fee rate in hundredths of a basis point.
     * @return the fee in money units, or {@link #OVERFLOW}.
     */
    public static long fee(final long notionalMoney, final long feeRateCentiBps)
    {
        if (notionalMoney == Long.MIN_VALUE)
        {
            return OVERFLOW;
        }
        final long absolute = Math.abs(notionalMoney);
        final long whole = multiplyOrOverflow(absolute / CENTI_BPS_PER_UNIT, feeRateCentiBps);
        final long part = multiplyOrOverflow(absolute % CENTI_BPS_PER_UNIT, feeRateCentiBps);
        if (whole == OVERFLOW || part == OVERFLOW)
        {
            return OVERFLOW;
        }
        return addOrOverflow(whole, divide(part, CENTI_BPS_PER_UNIT, Rounding.CEILING));
    }

    /** @return a + b, or {@link #OVERFLOW}. */
    public static long addOrOverflow(final long a, final long b)
    {
        final long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0 || sum == OVERFLOW)
        {
            return OVERFLOW;
        }
        return sum;
    }

    /** @return price rounded to a multiple of {@code tickUnits} (both at the price scale). */
    public static long roundToTick(final long price, final long tickUnits, final Rounding rounding)
    {
        return multiplyOrOverflow(divide(price, tickUnits, rounding), tickUnits);
    }

    /** @return quantity rounded toward zero to a multiple of {@code lotUnits}: we never trade more than asked. */
    public static long roundToLot(final long quantity, final long lotUnits)
    {
        return (quantity / lotUnits) * lotUnits;
    }

    /**
     * Parses decimal text exactly; cold path (config, adapters).
     *
     * @throws ArithmeticException when the text has more decimals than the scale or overflows.
     */
    public static long parse(final String text, final int scale)
    {
        return new BigDecimal(text.trim()).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** @return decimal text for a fixed-point value; cold path. */
    public static String toText(final long value, final int scale)
    {
        return BigDecimal.valueOf(value, scale).toPlainString();
    }

    /** @return the value as a double, for model maths and reports only. */
    public static double toDouble(final long value, final int scale)
    {
        return (double)value / POW10[scale];
    }

    /** @return the nearest fixed-point value to a double (model output to quantity), or {@link #OVERFLOW}. */
    public static long fromDouble(final double value, final int scale)
    {
        final double scaled = value * POW10[scale];
        if (Double.isNaN(scaled) || scaled >= 9.2e18 || scaled <= -9.2e18)
        {
            return OVERFLOW;
        }
        return Math.round(scaled);
    }
}
