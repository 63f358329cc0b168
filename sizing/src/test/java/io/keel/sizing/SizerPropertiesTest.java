package io.keel.sizing;

import io.keel.core.AssetClass;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the sizer over random markets, edges and books. */
class SizerPropertiesTest
{
    private static final long USD = 100_000_000L;
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 5,
        5, 10, 5 * USD, "USDT", "CRYPTO_24_7");
    private static final double EQUITY = 100_000;

    private final VolatilityTargetSizer sizer =
        new VolatilityTargetSizer(VolatilityTargetSizerTest.sizing(0.25, 3.0, 5_000));

    private long target(
        final double edgeBps, final double volatility, final double mid, final long horizonMs,
        final VolatilityTargetSizer.Book book)
    {
        final Features features = new Features();
        features.warm = true;
        features.mid = mid;
        features.realizedVolatilityAnnual = volatility;
        final Blend blend = new Blend(1);
        blend.edgeBps = edgeBps;
        blend.confidence = 1;
        blend.horizonNs = horizonMs * 1_000_000L;
        return sizer.targetQuantity(BTC, features, blend, (long)EQUITY * USD, book);
    }

    private static double notional(final long quantity, final double mid)
    {
        return Math.abs(FixedPoint.toDouble(quantity, BTC.quantityScale()) * mid);
    }

    @Property
    void sizeIsBoundedByEveryLimitAndAMultipleOfTheLot(
        @ForAll @DoubleRange(min = -50, max = 50) final double edgeBps,
        @ForAll @DoubleRange(min = 0.01, max = 3) final double volatility,
        @ForAll @DoubleRange(min = 1, max = 200_000) final double mid,
        @ForAll @LongRange(min = 1, max = 86_400_000) final long horizonMs,
        @ForAll @DoubleRange(min = 0, max = 400_000) final double grossOthers,
        @ForAll @DoubleRange(min = 0, max = 6_000) final double varOthers)
    {
        final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
        book.grossOthers = grossOthers;
        book.varOthers = varOthers;
        final long quantity = target(edgeBps, volatility, mid, horizonMs, book);
        final double notional = notional(quantity, mid);
        assertEquals(0, quantity % BTC.lotSizeUnits(), "a multiple of the lot");
        assertTrue(quantity == 0 || Math.signum(quantity) == Math.signum(edgeBps), "follows the edge's sign");
        assertTrue(notional <= 0.5 * 0.20 * EQUITY * (1 + 1e-9), "per-instrument cap");
        assertTrue(notional <= Math.max(0, 3.0 * EQUITY - grossOthers) * (1 + 1e-9), "leverage room");
        assertTrue(varOthers + sizer.valueAtRisk(notional, volatility) <= 5_000 * (1 + 1e-9) || quantity == 0,
            "VaR budget");
        assertTrue(quantity == 0 || notional >= 5 * (1 - 1e-9), "zero or above the minimum notional");
        if (Math.abs(edgeBps) < 0.5)
        {
            assertEquals(0, quantity, "flat below the minimum edge");
        }
    }

    @Property
    void sizeGrowsWithEdgeAndShrinksWithVolatility(
        @ForAll @DoubleRange(min = 0.5, max = 20) final double edgeBps,
        @ForAll @DoubleRange(min = 0, max = 20) final double moreEdge,
        @ForAll @DoubleRange(min = 0.05, max = 2) final double volatility,
        @ForAll @DoubleRange(min = 0, max = 2) final double moreVolatility,
        @ForAll @DoubleRange(min = 100, max = 100_000) final double mid)
    {
        final long base = target(edgeBps, volatility, mid, 60_000, null);
        assertTrue(target(edgeBps + moreEdge, volatility, mid, 60_000, null) >= base, "monotone in edge");
        assertTrue(target(edgeBps, volatility + moreVolatility, mid, 60_000, null) <= base,
            "anti-monotone in volatility");
        assertEquals(-base, target(-edgeBps, volatility, mid, 60_000, null), "symmetric in the edge's sign");
    }
}
