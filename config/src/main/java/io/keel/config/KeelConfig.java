package io.keel.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keel.core.AssetClass;
import io.keel.core.decision.AlgoKind;

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
    Sessions sessions,
    Monitoring monitoring)
{
    /**
     * The daemon's HTTP server: {@code /metrics}, {@code /health}, the control panel.
     *
     * @param httpHost address to listen on (127.0.0.1 by default: loopback only).
     * @param httpPort port, 0 for any free port.
     */
    public record Monitoring(boolean httpEnabled, String httpHost, int httpPort)
    {
    }

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
    public record Journal(boolean enabled, String dir, long minFreeMb)
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
        BigDecimal startPrice,
        String venue)
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

    /**
     * Pre-trade limits and circuit breakers (L5). Money limits in USD; 0 turns the optional ones off.
     *
     * @param maxOrderNotionalUsd    largest single order.
     * @param maxPositionNotionalUsd largest position per instrument.
     * @param dailyLossStopUsd       loss since the day's start that halts risk-increasing orders.
     * @param maxOrderQuantity       per symbol: largest order in instrument units (absent: no limit).
     * @param priceCollarBps         an order's price must be within this of the reference (the mid).
     * @param maxGrossExposureUsd    sum of |position| at marks, after the order.
     * @param maxNetExposureUsd      |sum of signed positions| at marks, after the order.
     * @param maxCreditUsd           notional of working orders (open and UNKNOWN) plus the order.
     * @param duplicateWindowMs      the same order (instrument, side, quantity, price) again within this is refused.
     * @param maxOrdersPerSecond     new-order message rate (cancels always pass).
     * @param breakers               circuit breakers.
     * @param stateDir               where the kill-switch latch and the audit log live (survive restarts).
     * @param flattenOnKill          whether engaging the kill switch also closes every position.
     * @param varWindowDays          daily P&amp;Ls behind the live VaR/CVaR of the book and its backtest.
     */
    public record Risk(
        BigDecimal maxOrderNotionalUsd, BigDecimal maxPositionNotionalUsd, BigDecimal dailyLossStopUsd,
        Map<String, BigDecimal> maxOrderQuantity, double priceCollarBps, BigDecimal maxGrossExposureUsd,
        BigDecimal maxNetExposureUsd, BigDecimal maxCreditUsd, long duplicateWindowMs, int maxOrdersPerSecond,
        Breakers breakers, String stateDir, boolean flattenOnKill, int varWindowDays)
    {
    }

    /**
     * Circuit breakers driven by market state and P&amp;L.
     *
     * @param volatilityHaltRatio   halt an instrument while short-window realised volatility exceeds this multiple of
     *                              its long-run level (0 = off).
     * @param volatilityShortMs     half-life of the short-window variance.
     * @param volatilityLongMs      half-life of the long-run variance.
     * @param feedDivergenceBps     halt an instrument while trades print this far from our book's mid ...
     * @param feedDivergenceTrades  ... this many times in a row (0 = off).
     * @param drawdownStopUsd       halt risk-increasing orders after equity falls this far from the day's peak.
     * @param lockInGainUsd         after this intraday gain, scale new sizes by lockInScale (0 = off).
     * @param lockInScale           size factor once the gain is locked in.
     * @param runawayOrdersPerMinute more new orders than this in a minute trip the kill switch (0 = off).
     */
    public record Breakers(
        double volatilityHaltRatio, long volatilityShortMs, long volatilityLongMs, double feedDivergenceBps,
        int feedDivergenceTrades, BigDecimal drawdownStopUsd, BigDecimal lockInGainUsd, double lockInScale,
        int runawayOrdersPerMinute)
    {
    }

    /**
     * Order style, execution algorithm and simulated fees.
     *
     * @param algo          {@code direct} (one order per decision, priced by {@code orderType}) or the execution
     *                      algorithm that works each decision's order as a parent: market, passive, twap, vwap, pov,
     *                      iceberg.
     * @param algoHorizonMs a parent order must be done this long (event time) after its decision.
     */
    public record Execution(
        OrderStyle orderType, String algo, long algoHorizonMs, double makerFeeBps, double takerFeeBps,
        long orderTimeoutMs, double latencyMs, boolean liveTrading, long flatBeforeCloseMs)
    {
        /** @return the configured algorithm ({@link AlgoKind#DIRECT} when the name is unknown: refused at load). */
        public AlgoKind algoKind()
        {
            final AlgoKind kind = AlgoKind.ofLabel(algo);
            return kind == null ? AlgoKind.DIRECT : kind;
        }
    }

    /** How the execution layer prices orders. */
    public enum OrderStyle
    {
        @JsonProperty("market") MARKET,
        @JsonProperty("limit") LIMIT
    }
}
