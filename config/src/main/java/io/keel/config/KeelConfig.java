package io.keel.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keel.core.AssetClass;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The whole effective configuration of one run: {@code base.yaml} with a mode profile merged over it. Immutable;
 * obtain it from {@link ConfigLoader}, which validates it. Keys and units are documented in {@code base.yaml}.
 */
public record KeelConfig(
    String mode,
    Run run,
    Pipeline pipeline,
    Journal journal,
    Account account,
    List<Instrument> instruments,
    Sim sim,
    Features features,
    Alpha alpha,
    Ensemble ensemble,
    Sizing sizing,
    Risk risk,
    Execution execution,
    Sessions sessions)
{
    /** Trading hours. */
    public record Sessions(boolean extendedHours)
    {
    }

    /** Run identity and event-time settings. */
    public record Run(long seed, String startTime, long timerIntervalMs)
    {
    }

    /** Ring sizes and the decision thread's wait strategy. */
    public record Pipeline(int ringSize, WaitStrategy waitStrategy)
    {
    }

    /** How the decision thread waits for events. */
    public enum WaitStrategy
    {
        @JsonProperty("blocking") BLOCKING,
        @JsonProperty("yielding") YIELDING,
        @JsonProperty("busy-spin") BUSY_SPIN
    }

    /** Journal settings. */
    public record Journal(boolean enabled, String dir)
    {
    }

    /** Paper account. */
    public record Account(BigDecimal initialCashUsd)
    {
    }

    /** One instrument; converted to {@link io.keel.core.InstrumentSpec} by {@link ConfigLoader}. */
    public record Instrument(
        String symbol,
        AssetClass assetClass,
        int priceScale,
        BigDecimal tickSize,
        int quantityScale,
        BigDecimal lotSize,
        BigDecimal minNotionalUsd,
        String quoteCurrency,
        String calendar,
        BigDecimal startPrice)
    {
    }

    /** The simulated market of the embedded default venue. */
    public record Sim(
        boolean realtime,
        double eventsPerSecond,
        double volatilityAnnual,
        double garchAlpha,
        double garchBeta,
        double flowPersistence,
        double flowPredictability,
        int bookLevels,
        BigDecimal levelQuantity,
        double tradeProbability,
        int spreadTicks)
    {
    }

    /** Feature engine time constants. */
    public record Features(
        long emaFastMs,
        long emaSlowMs,
        long volatilityHalfLifeMs,
        int imbalanceLevels,
        int warmupUpdates,
        List<String> indicators,
        long barIntervalMs)
    {
    }

    /** The alpha zoo's members and their parameters. */
    public record Alpha(
        BookImbalance bookImbalance,
        MaMomentum maMomentum,
        Model orderFlowImbalance,
        Model micropriceDeviation,
        Model meanReversion,
        Model volatilityRegime,
        Model rsiComposite,
        Model fundingShock,
        Model tradeFlowImbalance,
        Trained trained,
        Map<String, List<String>> routes)
    {
        /** @return the models routed to {@code symbol} (config keys), or null when every enabled model feeds it. */
        public List<String> routeOf(final String symbol)
        {
            return routes == null ? null : routes.get(symbol);
        }
    }

    /**
     * Parameters of a zoo model; what {@code window} and {@code saturation} mean is the model's (see base.yaml).
     *
     * @param enabled      whether the model runs in this mode.
     * @param window       its indicator window (updates, bars or ms, per model).
     * @param edgeScaleBps edge at full signal, bps.
     * @param saturation   signal level at which the model is fully confident (units per model).
     * @param horizonMs    horizon of its edge.
     */
    public record Model(boolean enabled, int window, double edgeScaleBps, double saturation, long horizonMs)
    {
    }

    /**
     * The trained model: an artifact written by {@code keel train}, pinned by its SHA-256 so a replay runs the same
     * model.
     *
     * @param enabled       whether it runs in this mode.
     * @param artifact      path of the artifact (JSON).
     * @param sha256        its SHA-256, hex, as {@code train} printed it.
     * @param minConfidence |2p - 1| under which it has no opinion.
     */
    public record Trained(boolean enabled, String artifact, String sha256, double minConfidence)
    {
    }

    /** Order-book imbalance model. */
    public record BookImbalance(boolean enabled, double edgeScaleBps, long horizonMs)
    {
    }

    /** Moving-average momentum model. */
    public record MaMomentum(boolean enabled, double gain, double saturationBps, long horizonMs)
    {
    }

    /** The ensemble: which blender and its parameters. */
    public record Ensemble(
        BlenderKind blender,
        double minConfidence,
        double shrinkage,
        long horizonMs,
        double hitRateDecay,
        double learningRate,
        double l2,
        double edgeScaleBps,
        long minModelHorizonMs,
        long maxModelHorizonMs)
    {
    }

    /** Blenders of the zoo's signals. */
    public enum BlenderKind
    {
        @JsonProperty("confidence") CONFIDENCE,
        @JsonProperty("hit-rate") HIT_RATE,
        @JsonProperty("logistic") LOGISTIC
    }

    /** Volatility-targeted fractional sizing with per-asset-class caps. */
    public record Sizing(
        double volatilityTargetAnnual,
        double fraction,
        double minEdgeBps,
        double fullSizeEdgeBps,
        double maxPositionFractionCrypto,
        double maxPositionFractionEquity,
        double rebalanceThresholdFraction,
        double kellyFraction,
        double maxGrossLeverageCrypto,
        double maxGrossLeverageEquity,
        BigDecimal varBudgetUsd,
        double varConfidence,
        long varHorizonMs,
        int historicalVarWindow,
        long historicalVarIntervalMs,
        Allocation allocation)
    {
    }

    /** How the risk budget is shared across instruments. */
    public enum Allocation
    {
        /** Each instrument sized on its own (volatility target, caps). */
        @JsonProperty("independent") INDEPENDENT,
        /**
         * Hierarchical risk parity over the historical-VaR return window: instrument i's volatility-targeted size is
         * scaled by n × w_i (1 for all when they are alike), still under the per-instrument cap.
         */
        @JsonProperty("hrp") HRP
    }

    /** Pre-trade risk limits. */
    public record Risk(BigDecimal maxOrderNotionalUsd, BigDecimal maxPositionNotionalUsd, BigDecimal dailyLossStopUsd)
    {
    }

    /** Order style and simulated fees. */
    public record Execution(OrderStyle orderType, double makerFeeBps, double takerFeeBps, long orderTimeoutMs)
    {
    }

    /** How the execution layer prices orders. */
    public enum OrderStyle
    {
        @JsonProperty("market") MARKET,
        @JsonProperty("limit") LIMIT
    }
}
