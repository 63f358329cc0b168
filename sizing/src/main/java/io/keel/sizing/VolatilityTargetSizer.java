package io.keel.sizing;

import io.keel.config.KeelConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;

/**
 * Position sizing: the target's fraction of equity is the smaller of
 * <ul>
 *   <li>volatility targeting, capped per instrument by asset class (crypto 20 %, equities 25 % by default):
 *       {@code fraction x min(cap, volatilityTarget / realisedVolatility) x min(1, |edge| / fullSizeEdge)};</li>
 *   <li>fractional Kelly: {@code kellyFraction x mu / sigma^2}, with mu the edge and sigma^2 the variance over the
 *       blend's horizon;</li>
 * </ul>
 * then the notional is limited by the gross-leverage room of the asset class (3x crypto, 4x equities) and by the VaR
 * budget left by the other positions (parametric VaR at {@code varConfidence} over {@code varHorizon}, positions summed
 * as if perfectly correlated: conservative), rounded toward zero to the lot, and dropped below the venue's minimum
 * notional. Zero below {@code minEdgeBps}. Doubles are model maths; the result is an exact quantity. Allocation-free.
 */
public final class VolatilityTargetSizer
{
    private static final double SECONDS_PER_YEAR = 365.0 * 86_400;

    private final KeelConfig.Sizing config;
    private final double varZ;
    private final double varBudget;

    /** @param config sizing parameters. */
    public VolatilityTargetSizer(final KeelConfig.Sizing config)
    {
        this.config = config;
        this.varZ = inverseNormal(config.varConfidence());
        this.varBudget = config.varBudgetUsd().doubleValue();
    }

    /** What the rest of the book already uses, in quote currency. */
    public static final class Book
    {
        /** Gross notional of the other positions of the same asset class. */
        public double grossOthers;
        /** Parametric VaR of the other positions. */
        public double varOthers;
        /** Cross-instrument allocation: this instrument's risk share relative to an equal one (1 = equal). */
        public double allocationScale = 1.0;
    }

    /**
     * @return the signed target position in quantity units, a multiple of the lot, 0 below min notional.
     */
    public long targetQuantity(
        final InstrumentSpec spec, final Features features, final Blend blend, final long equityMoney)
    {
        return targetQuantity(spec, features, blend, equityMoney, null);
    }

    /**
     * @param others the rest of the book (null: none).
     * @return the signed target position in quantity units.
     */
    public long targetQuantity(
        final InstrumentSpec spec, final Features features, final Blend blend, final long equityMoney,
        final Book others)
    {
        final double edgeBps = Math.abs(blend.edgeBps);
        final double volatility = features.realizedVolatilityAnnual;
        if (!features.warm || edgeBps < config.minEdgeBps() || !(volatility > 0) || features.mid <= 0 ||
            equityMoney <= 0)
        {
            return 0;
        }
        final boolean crypto = spec.assetClass().isCrypto();
        final double cap = crypto ? config.maxPositionFractionCrypto() : config.maxPositionFractionEquity();
        final double allocation = others == null ? 1.0 : others.allocationScale;
        final double volTargeted = config.fraction() *
            Math.min(cap, config.volatilityTargetAnnual() / volatility * allocation) *
            Math.min(1.0, edgeBps / config.fullSizeEdgeBps());
        final double horizonSeconds = Math.max(1e-9, blend.horizonNs / 1e9);
        final double variance = volatility * volatility * horizonSeconds / SECONDS_PER_YEAR;
        final double kelly = config.kellyFraction() * (edgeBps * 1e-4) / variance;
        final double equity = FixedPoint.toDouble(equityMoney, FixedPoint.MONEY_SCALE);
        double notional = equity * Math.min(volTargeted, kelly);
        final double leverage = crypto ? config.maxGrossLeverageCrypto() : config.maxGrossLeverageEquity();
        final double grossOthers = others == null ? 0 : others.grossOthers;
        notional = Math.min(notional, Math.max(0, leverage * equity - grossOthers));
        final double varPerNotional = varZ * volatility * Math.sqrt(config.varHorizonMs() / 1e3 / SECONDS_PER_YEAR);
        final double varOthers = others == null ? 0 : others.varOthers;
        notional = Math.min(notional, Math.max(0, varBudget - varOthers) / varPerNotional);
        final double units = Math.signum(blend.edgeBps) * notional / features.mid *
            FixedPoint.pow10(spec.quantityScale());
        if (!(Math.abs(units) < 9e18))
        {
            return 0;
        }
        final long quantity = FixedPoint.roundToLot((long)units, spec.lotSizeUnits()); // toward zero: never more
        final long money = spec.notional(FixedPoint.fromDouble(features.mid, spec.priceScale()), Math.abs(quantity));
        return money == FixedPoint.OVERFLOW || money < spec.minNotionalMoney() ? 0 : quantity;
    }

    /** @return the parametric VaR of a notional held in an instrument of this annualised volatility. */
    public double valueAtRisk(final double notional, final double volatilityAnnual)
    {
        return varZ * volatilityAnnual * Math.sqrt(config.varHorizonMs() / 1e3 / SECONDS_PER_YEAR) *
            Math.abs(notional);
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

    /** @return the standard normal quantile of {@code p} (Acklam's rational approximation, error below 1.2e-9). */
    static double inverseNormal(final double p)
    {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        if (p < 0.02425)
        {
            final double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425)
        {
            return -inverseNormal(1 - p);
        }
        final double q = p - 0.5;
        final double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
