package io.keel.sizing;

import io.keel.config.KeelConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolatilityTargetSizerTest
{
    private static final long USD = 100_000_000L;
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "SIM", AssetClass.CRYPTO_SPOT, 2, 1,
        5, 10, 5 * USD, "USDT", "CRYPTO_24_7");
    private static final InstrumentSpec SPY = new InstrumentSpec(1, "SPY", "SIM", AssetClass.EQUITY, 2, 1, 0, 1,
        USD, "USD", "NYSE");
    private final VolatilityTargetSizer sizer = new VolatilityTargetSizer(sizing(0.25, 3.0, 5_000));
    private final Features features = new Features();
    private final Blend blend = new Blend(2);

    static KeelConfig.Sizing sizing(final double kelly, final double leverage, final long varBudgetUsd)
    {
        return new KeelConfig.Sizing(0.20, 0.5, 0.5, 2.0, 0.20, 0.25, 0.25, kelly, leverage, leverage + 1,
            BigDecimal.valueOf(varBudgetUsd), 0.99, 86_400_000L, 0, 60_000L, KeelConfig.Allocation.INDEPENDENT);
    }

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

    @Test
    void shouldCapByFractionalKellyOverTheBlendHorizon()
    {
        // one day's horizon at vol 0.40: variance 0.16 / 365 = 4.38e-4; Kelly 0.25 x 1e-4 / 4.38e-4 = 0.057 of
        // equity = 5,703 USD at 500 = 11.4 -> 11 shares (volatility targeting alone would give 12)
        blend.horizonNs = 86_400_000_000_000L;
        assertEquals(11, target(SPY, 1.0, 0.40, 500));
        blend.horizonNs = 60_000_000_000L;
        assertEquals(12, target(SPY, 1.0, 0.40, 500), "a minute's variance leaves Kelly far from binding");
    }

    @Test
    void shouldShareTheVolatilityTargetByTheAllocationButNeverPassTheCap()
    {
        final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
        features.warm = true;
        features.mid = 500;
        features.realizedVolatilityAnnual = 0.40;
        blend.edgeBps = 5.0;
        // 0.5 x min(0.25, 0.20 / 0.40 x share): share 0.3 -> 0.075 of 100k = 7,500 USD = 15 shares
        book.allocationScale = 0.3;
        assertEquals(15, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book));
        book.allocationScale = 1.0;
        assertEquals(25, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book));
        book.allocationScale = 3.0; // a larger risk share still stops at the 25 % cap
        assertEquals(25, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book));
    }

    @Test
    void shouldLimitByTheLeverageRoomLeftByOtherPositions()
    {
        final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
        book.grossOthers = 396_000; // equity room is (3 + 1) x 100k = 400k: 4,000 USD left = 8 shares at 500
        features.warm = true;
        features.mid = 500;
        features.realizedVolatilityAnnual = 0.05;
        blend.edgeBps = 3;
        assertEquals(8, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book));
        book.grossOthers = 500_000;
        assertEquals(0, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book), "no room left");
    }

    @Test
    void shouldKeepTheBookWithinTheVarBudget()
    {
        // VaR per USD at 99 %, one day, vol 0.40: 2.3263 x 0.40 / sqrt(365) = 0.048707
        assertEquals(0.048707 * 10_000, sizer.valueAtRisk(10_000, 0.40), 0.01);
        final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
        book.varOthers = 5_000 - 0.048707 * 2_010; // 2,010 USD of room = 4.02 shares at 500
        features.warm = true;
        features.mid = 500;
        features.realizedVolatilityAnnual = 0.40;
        blend.edgeBps = 5;
        assertEquals(4, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book), "rounded toward zero");
        book.varOthers = 5_001;
        assertEquals(0, sizer.targetQuantity(SPY, features, blend, 100_000 * USD, book), "budget spent");
    }

    @Test
    void shouldComputeNormalQuantiles()
    {
        assertEquals(2.326348, VolatilityTargetSizer.inverseNormal(0.99), 1e-6);
        assertEquals(1.644854, VolatilityTargetSizer.inverseNormal(0.95), 1e-6);
        assertEquals(0.0, VolatilityTargetSizer.inverseNormal(0.5), 1e-12);
        assertEquals(-3.090232, VolatilityTargetSizer.inverseNormal(0.001), 1e-6);
    }
}
