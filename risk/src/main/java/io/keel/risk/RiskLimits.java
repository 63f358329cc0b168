package io.keel.risk;

import io.keel.config.ConfigLoader;
import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Pre-trade limits and breaker thresholds in the units the checks use: money in {@link FixedPoint#MONEY_SCALE} units,
 * quantities per instrument in its quantity units, times in ns. A limit of 0 (or {@link Long#MAX_VALUE} for
 * quantities) is off.
 */
public record RiskLimits(
    long maxOrderNotional, long maxPositionNotional, long dailyLossStop, long[] maxOrderQuantity,
    double priceCollarBps, long maxGrossExposure, long maxNetExposure, long maxCredit, long duplicateWindowNs,
    int maxOrdersPerSecond, double volatilityHaltRatio, long volatilityShortNs, long volatilityLongNs,
    double feedDivergenceBps, int feedDivergenceTrades, long drawdownStop, long lockInGain, double lockInScale,
    int runawayOrdersPerMinute, int varWindowDays, double varConfidence)
{
    /** @return the limits of a configuration. */
    public static RiskLimits of(final LoadedConfig loaded)
    {
        final KeelConfig.Risk r = loaded.config().risk();
        final KeelConfig.Breakers b = r.breakers();
        final List<InstrumentSpec> specs = loaded.instruments();
        final long[] maxQuantity = new long[specs.size()];
        Arrays.fill(maxQuantity, Long.MAX_VALUE);
        if (r.maxOrderQuantity() != null)
        {
            for (final InstrumentSpec spec : specs)
            {
                final BigDecimal limit = r.maxOrderQuantity().get(spec.symbol());
                if (limit != null)
                {
                    maxQuantity[spec.id()] = FixedPoint.parse(limit.toPlainString(), spec.quantityScale());
                }
            }
        }
        final LoadedConfig.Money money = loaded.money();
        return new RiskLimits(money.maxOrderNotional(), money.maxPositionNotional(), money.dailyLossStop(),
            maxQuantity, r.priceCollarBps(), ConfigLoader.money(r.maxGrossExposureUsd()),
            ConfigLoader.money(r.maxNetExposureUsd()), ConfigLoader.money(r.maxCreditUsd()),
            r.duplicateWindowMs() * 1_000_000L, r.maxOrdersPerSecond(), b.volatilityHaltRatio(),
            b.volatilityShortMs() * 1_000_000L, b.volatilityLongMs() * 1_000_000L, b.feedDivergenceBps(),
            b.feedDivergenceTrades(), ConfigLoader.money(b.drawdownStopUsd()), ConfigLoader.money(b.lockInGainUsd()),
            b.lockInScale(), b.runawayOrdersPerMinute(), r.varWindowDays(), loaded.config().sizing().varConfidence());
    }

    /**
     * Only the money limits, every other check and breaker off (tests of one rule at a time start here).
     *
     * @param instruments number of instruments.
     */
    public static RiskLimits moneyOnly(
        final int instruments, final long maxOrderNotional, final long maxPositionNotional, final long dailyLossStop)
    {
        final long[] maxQuantity = new long[instruments];
        Arrays.fill(maxQuantity, Long.MAX_VALUE);
        return new RiskLimits(maxOrderNotional, maxPositionNotional, dailyLossStop, maxQuantity, 1e9, 0, 0, 0, 0,
            Integer.MAX_VALUE, 0, 1, 2, 1e9, 0, Long.MAX_VALUE / 4, 0, 1.0, 0, 250, 0.99);
    }
}
