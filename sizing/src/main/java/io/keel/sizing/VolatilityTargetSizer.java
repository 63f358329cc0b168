package io.keel.sizing;

import io.keel.config.KeelConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;

/**
 * Volatility-targeted fractional sizing. The target position's equity fraction is
 * {@code fraction x min(cap, volatilityTarget / realisedVolatility) x min(1, |edge| / fullSizeEdge)}, signed by the
 * edge, zero below {@code minEdgeBps}; the cap is per asset class (crypto or equity). Quantities are rounded toward
 * zero to the lot. Doubles are model maths; the result is an exact quantity. Allocation-free.
 */
public final class VolatilityTargetSizer
{
    private final KeelConfig.Sizing config;

    /** @param config sizing parameters. */
    public VolatilityTargetSizer(final KeelConfig.Sizing config)
    {
        this.config = config;
    }

    /**
     * @return the signed target position in quantity units, a multiple of the lot.
     */
    public long targetQuantity(
        final InstrumentSpec spec, final Features features, final Blend blend, final long equityMoney)
    {
        final double edge = Math.abs(blend.edgeBps);
        final double volatility = features.realizedVolatilityAnnual;
        if (!features.warm || edge < config.minEdgeBps() || volatility <= 0 || features.mid <= 0 || equityMoney <= 0)
        {
            return 0;
        }
        final double cap = spec.assetClass().isCrypto() ?
            config.maxPositionFractionCrypto() : config.maxPositionFractionEquity();
        final double equityFraction = config.fraction() * Math.min(cap, config.volatilityTargetAnnual() / volatility) *
            Math.min(1.0, edge / config.fullSizeEdgeBps());
        final double equity = FixedPoint.toDouble(equityMoney, FixedPoint.MONEY_SCALE);
        final double quantity = Math.signum(blend.edgeBps) * equity * equityFraction / features.mid;
        final double units = quantity * FixedPoint.pow10(spec.quantityScale());
        if (!(Math.abs(units) < 9e18))
        {
            return 0;
        }
        return FixedPoint.roundToLot((long)units, spec.lotSizeUnits()); // the cast truncates toward zero: never more

    }

    /**
     * The no-trade band: trade only when the gap to the target is at least one lot and more than
     * {@code rebalanceThresholdFraction} of the target's size (always when closing to flat).
     *
     * @return the signed quantity to trade, 0 for none.
     */
    public long orderQuantity(final InstrumentSpec spec, final long targetQuantity, final long positionQuantity)
    {
        final long gap = targetQuantity - positionQuantity;
        if (Math.abs(gap) < spec.lotSizeUnits())
        {
            return 0;
        }
        if (targetQuantity != 0 && Math.abs(gap) <= config.rebalanceThresholdFraction() * Math.abs(targetQuantity))
        {
            return 0;
        }
        return gap;
    }
}
