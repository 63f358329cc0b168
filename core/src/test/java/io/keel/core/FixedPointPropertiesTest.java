package io.keel.core;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointPropertiesTest
{
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static long expected(final BigInteger exact)
    {
        return exact.compareTo(MIN) <= 0 || exact.compareTo(MAX) > 0 ? FixedPoint.OVERFLOW : exact.longValue();
    }

    private static RoundingMode mode(final FixedPoint.Rounding rounding)
    {
        return switch (rounding)
        {
            case FLOOR -> RoundingMode.FLOOR;
            case CEILING -> RoundingMode.CEILING;
            case DOWN -> RoundingMode.DOWN;
            case HALF_EVEN -> RoundingMode.HALF_EVEN;
        };
    }

    @Property
    void divideMatchesBigDecimal(
        @ForAll final long dividend, @ForAll @LongRange(min = 1) final long divisor,
        @ForAll final FixedPoint.Rounding rounding)
    {
        final BigInteger exact = new BigDecimal(dividend).divide(new BigDecimal(divisor), 0, mode(rounding))
            .toBigIntegerExact();
        assertEquals(exact.longValueExact(), FixedPoint.divide(dividend, divisor, rounding));
    }

    @Property
    void multiplyDetectsEveryOverflow(@ForAll final long a, @ForAll final long b)
    {
        assertEquals(expected(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))), FixedPoint.multiplyOrOverflow(a, b));
    }

    @Property
    void addDetectsEveryOverflow(@ForAll final long a, @ForAll final long b)
    {
        assertEquals(expected(BigInteger.valueOf(a).add(BigInteger.valueOf(b))), FixedPoint.addOrOverflow(a, b));
    }

    @Property
    void notionalIsExactOrOverflow(
        @ForAll final long price, @ForAll @IntRange(min = 0, max = 4) final int priceScale,
        @ForAll final long quantity, @ForAll @IntRange(min = 0, max = 4) final int quantityScale)
    {
        final BigInteger exact = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity))
            .multiply(BigInteger.TEN.pow(FixedPoint.MONEY_SCALE - priceScale - quantityScale));
        assertEquals(expected(exact), FixedPoint.notional(price, priceScale, quantity, quantityScale));
    }

    @Property
    void rescaleMatchesBigDecimal(
        @ForAll final long value, @ForAll @IntRange(min = 0, max = 12) final int from,
        @ForAll @IntRange(min = 0, max = 12) final int to, @ForAll final FixedPoint.Rounding rounding)
    {
        final BigInteger exact = new BigDecimal(BigInteger.valueOf(value), from).setScale(to, mode(rounding))
            .unscaledValue();
        assertEquals(expected(exact), FixedPoint.rescale(value, from, to, rounding));
    }

    @Property
    void feeIsNeverBelowTheExactFee(
        @ForAll @LongRange(min = Long.MIN_VALUE + 1) final long notional,
        @ForAll @LongRange(min = 0, max = 100_000) final long centiBps)
    {
        final long fee = FixedPoint.fee(notional, centiBps);
        final BigDecimal exact = new BigDecimal(Math.abs(notional)).multiply(new BigDecimal(centiBps))
            .divide(new BigDecimal(FixedPoint.CENTI_BPS_PER_UNIT));
        if (exact.compareTo(new BigDecimal(Long.MAX_VALUE - 1)) > 0)
        {
            assertEquals(FixedPoint.OVERFLOW, fee);
            return;
        }
        assertTrue(new BigDecimal(fee).compareTo(exact) >= 0);
        assertTrue(new BigDecimal(fee).subtract(exact).compareTo(BigDecimal.ONE) < 0);
    }

    @Property
    void roundToTickGivesAMultipleWithinOneTick(
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) final long price,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long tick, @ForAll final FixedPoint.Rounding rounding)
    {
        final long rounded = FixedPoint.roundToTick(price, tick, rounding);
        assertEquals(0, rounded % tick);
        assertTrue(Math.abs(rounded - price) < tick);
        if (rounding == FixedPoint.Rounding.FLOOR)
        {
            assertTrue(rounded <= price);
        }
        if (rounding == FixedPoint.Rounding.CEILING)
        {
            assertTrue(rounded >= price);
        }
    }

    @Property
    void roundToLotNeverIncreasesSize(
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) final long quantity,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long lot)
    {
        final long rounded = FixedPoint.roundToLot(quantity, lot);
        assertEquals(0, rounded % lot);
        assertTrue(Math.abs(rounded) <= Math.abs(quantity));
        assertTrue(Math.abs(quantity - rounded) < lot);
    }

    @Property
    void textRoundTrips(@ForAll final long value, @ForAll @IntRange(min = 0, max = 18) final int scale)
    {
        assertEquals(value, FixedPoint.parse(FixedPoint.toText(value, scale), scale));
    }
}
