package io.keel.sizing;

import io.keel.config.KeelConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolatilityTargetSizerTest
{
    private static final long USD = 100_000_000L;
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 1,
        5, 10, 5 * USD, "USDT", "CRYPTO_24_7");
    private static final InstrumentSpec SPY = new InstrumentSpec(1, "SPY", "SIM", AssetClass.EQUITY, 2, 1, 0, 1,
        USD, "USD", "NYSE");
    private final VolatilityTargetSizer sizer = new VolatilityTargetSizer(
        new KeelConfig.Sizing(0.20, 0.5, 0.5, 2.0, 0.20, 0.25, 0.25));
    private final Features features = new Features();
    private final Blend blend = new Blend(2);

    private long target(final InstrumentSpec spec, final double edgeBps, final double volatility, final double mid)
    {
        features.warm = true;
        features.mid = mid;
        features.realizedVolatilityAnnual = volatility;
        blend.edgeBps = edgeBps;
        blend.confidence = 1;
        return sizer.targetQuantity(spec, features, blend, 100_000 * USD);
    }

    @Test
    void shouldScaleWithEdgeAndInverseVolatility()
    {
        // 0.5 x min(0.25, 0.20 / 0.40) x min(1, 1 / 2) = 0.0625 of 100k = 6,250 USD of SPY at 500 = 12.5 -> 12
        assertEquals(12, target(SPY, 1.0, 0.40, 500));
        assertEquals(-12, target(SPY, -1.0, 0.40, 500));
        assertEquals(25, target(SPY, 5.0, 0.40, 500), "full size above fullSizeEdgeBps");
    }

    @Test
    void shouldCapByAssetClassAndRoundToTheLot()
    {
        // vol 0.05 gives 4x equity; crypto cap 0.20 -> 0.5 x 0.2 x 1 = 10,000 USD at 60,000 = 0.16666 BTC
        assertEquals(16_660, target(BTC, 3.0, 0.05, 60_000));
        // equity cap 0.25 -> 12,500 USD at 500 = 25 shares
        assertEquals(25, target(SPY, 3.0, 0.05, 500));
    }

    @Test
    void shouldStayFlatBelowTheMinimumEdgeOrWhenCold()
    {
        assertEquals(0, target(SPY, 0.4, 0.40, 500));
        features.warm = false;
        blend.edgeBps = 5;
        assertEquals(0, sizer.targetQuantity(SPY, features, blend, 100_000 * USD));
    }

    @Test
    void shouldNotTradeInsideTheNoTradeBand()
    {
        assertEquals(0, sizer.orderQuantity(SPY, 100, 80), "gap 20 <= 25 % of 100");
        assertEquals(30, sizer.orderQuantity(SPY, 100, 70));
        assertEquals(-70, sizer.orderQuantity(SPY, 0, 70), "closing to flat always trades");
        assertEquals(0, sizer.orderQuantity(BTC, 5, 0), "less than a lot");
    }
}
