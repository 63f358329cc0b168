package io.keel.config;

import io.keel.core.AssetClass;
import io.keel.core.FixedPoint;
import io.keel.core.decision.AlgoKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Range and cross-field rules of {@link KeelConfig}; collects every problem before failing. */
final class ConfigValidator
{
    private static final Set<String> CALENDARS = Set.of("CRYPTO_24_7", "NYSE");
    private static final List<String> VENUES = List.of("binance", "alpaca");
    private static final double MAX_HORIZON_MS = 365.0 * 86_400_000;
    private static final Instant EARLIEST_START = Instant.parse("1970-01-02T00:00:00Z");
    private static final Instant LATEST_START = Instant.parse("2200-01-01T00:00:00Z");
    /** A price above this in any currency is a typo, and its fixed-point units would not fit the arithmetic. */
    private static final String MAX_PRICE = "1000000000";
    /** A year: daily-bar modes use EMAs of weeks and months. */
    private static final double MAX_TIME_CONSTANT_MS = 365.0 * 86_400_000;

    private final Map<String, String> origins;
    private final String fallbackFile;
    private final List<String> problems = new ArrayList<>();

    ConfigValidator(final Map<String, String> origins, final String fallbackFile)
    {
        this.origins = origins;
        this.fallbackFile = fallbackFile;
    }

    void validate(final KeelConfig c)
    {
        require("mode", c.mode(), !c.mode().isBlank(), "a non-empty mode name");
        validateRun(c.run());
        final int ring = c.pipeline().ringSize();
        require("pipeline.ringSize", ring, Integer.bitCount(ring) == 1 && ring >= 1024 && ring <= 4_194_304,
            "a power of two in [1024, 4194304]");
        require("journal.dir", c.journal().dir(), !c.journal().dir().isBlank(), "a directory path");
        final String missing = missingBeforeParent(c.journal().dir());
        require("journal.dir", c.journal().dir(), missing == null, "a path whose directories before each '..' " +
            "exist (" + missing + " does not: the journal could not be created there)");
        range("journal.minFreeMb", c.journal().minFreeMb(), 0, true, 1L << 40, true);
        range("account.initialCashUsd", c.account().initialCashUsd(), "0", false, "10000000000");
        validateInstruments(c);
        validateSim(c.sim());
        validateFeatures(c);
        validateAlpha(c.alpha(), c.instruments());
        final KeelConfig.Ensemble e = c.ensemble();
        range("ensemble.minConfidence", e.minConfidence(), 0, true, 1, true);
        range("ensemble.shrinkage", e.shrinkage(), 0, true, 1000, true);
        range("ensemble.horizonMs", e.horizonMs(), 1, true, MAX_HORIZON_MS, true);
        range("ensemble.hitRateDecay", e.hitRateDecay(), 0, false, 1, true);
        range("ensemble.learningRate", e.learningRate(), 0, false, 10, true);
        range("ensemble.l2", e.l2(), 0, true, 10, true);
        range("ensemble.edgeScaleBps", e.edgeScaleBps(), 0, false, 1000, true);
        range("ensemble.minModelHorizonMs", e.minModelHorizonMs(), 0, true, MAX_HORIZON_MS, true);
        range("ensemble.maxModelHorizonMs", e.maxModelHorizonMs(), 0, true, MAX_HORIZON_MS, true);
        require("ensemble.maxModelHorizonMs", e.maxModelHorizonMs(), e.maxModelHorizonMs() == 0 ||
            e.maxModelHorizonMs() >= e.minModelHorizonMs(), "0 (no upper bound) or at least minModelHorizonMs");
        validateSizing(c.sizing());
        validateRisk(c);
        require("monitoring.httpHost", c.monitoring().httpHost(), !c.monitoring().httpHost().isBlank(),
            "an address to listen on, e.g. 127.0.0.1");
        require("monitoring.httpPort", c.monitoring().httpPort(), c.monitoring().httpPort() >= 0 &&
            c.monitoring().httpPort() <= 65_535, "a port in [0, 65535] (0: any free port)");
        range("execution.makerFeeBps", c.execution().makerFeeBps(), 0, true, 100, true);
        range("execution.takerFeeBps", c.execution().takerFeeBps(), 0, true, 100, true);
        range("execution.orderTimeoutMs", c.execution().orderTimeoutMs(), 0, true, MAX_HORIZON_MS, true);
        range("execution.latencyMs", c.execution().latencyMs(), 0, true, 60_000, true);
        range("execution.flatBeforeCloseMs", c.execution().flatBeforeCloseMs(), 0, true, 6 * 3_600_000L, true);
        range("execution.algoHorizonMs", c.execution().algoHorizonMs(), 1_000, true, MAX_HORIZON_MS, true);
        if (AlgoKind.ofLabel(c.execution().algo()) == null)
        {
            problem("execution.algo", c.execution().algo(), "one of " + Arrays.stream(AlgoKind.values())
                .map(AlgoKind::label).collect(Collectors.joining(", ")));
        }
    }

    private void validateRun(final KeelConfig.Run run)
    {
        try
        {
            final Instant start = Instant.parse(run.startTime());
            // event time is nanoseconds since the epoch in a long, and the journal's daily files start at 1970
            require("run.startTime", run.startTime(), !start.isBefore(EARLIEST_START) && start.isBefore(LATEST_START),
                "an instant from " + EARLIEST_START + " to before " + LATEST_START + " (event time is nanoseconds " +
                "since 1970 in 64 bits)");
        }
        catch (final DateTimeParseException ex)
        {
            problem("run.startTime", run.startTime(), "an ISO-8601 instant such as 2026-01-05T00:00:00Z");
        }
        range("run.timerIntervalMs", run.timerIntervalMs(), 10, true, 3_600_000, true);
    }

    private void validateInstruments(final KeelConfig c)
    {
        final List<KeelConfig.Instrument> instruments = c.instruments();
        require("instruments", instruments.size(), !instruments.isEmpty() && instruments.size() <= 64,
            "between 1 and 64 instruments");
        final Set<String> symbols = new HashSet<>();
        for (int i = 0; i < instruments.size(); i++)
        {
            final KeelConfig.Instrument in = instruments.get(i);
            final String at = "instruments[" + i + "].";
            require(at + "symbol", in.symbol(), !in.symbol().isBlank() && symbols.add(in.symbol()),
                "a non-empty symbol, unique in the mode");
            range(at + "priceScale", in.priceScale(), 0, true, FixedPoint.MONEY_SCALE, true);
            range(at + "quantityScale", in.quantityScale(), 0, true, FixedPoint.MONEY_SCALE, true);
            require(at + "quantityScale", in.quantityScale(),
                in.priceScale() + in.quantityScale() <= FixedPoint.MONEY_SCALE,
                "priceScale + quantityScale <= " + FixedPoint.MONEY_SCALE + " (priceScale is " + in.priceScale() +
                ") so notionals are exact");
            decimal(at + "tickSize", in.tickSize(), in.priceScale());
            decimal(at + "lotSize", in.lotSize(), in.quantityScale());
            decimal(at + "startPrice", in.startPrice(), in.priceScale());
            range(at + "startPrice", in.startPrice(), "0", false, MAX_PRICE);
            range(at + "tickSize", in.tickSize(), "0", false, MAX_PRICE);
            if (in.startPrice().signum() > 0 && in.tickSize().signum() > 0)
            {
                require(at + "startPrice", in.startPrice(),
                    in.startPrice().remainder(in.tickSize()).signum() == 0, "a multiple of tickSize " + in.tickSize());
            }
            range(at + "minNotionalUsd", in.minNotionalUsd(), "0", true, "1000000000");
            require(at + "quoteCurrency", in.quoteCurrency(), in.quoteCurrency().matches("[A-Z]{3,5}"),
                "a currency code such as USD or USDT");
            require(at + "calendar", in.calendar(), CALENDARS.contains(in.calendar()), "one of " + CALENDARS);
            require(at + "venue", in.venue(), VENUES.contains(in.venue()), "one of " + VENUES + " (where a live " +
                "run sends its orders; default: alpaca for equities, binance for crypto)");
            final String expected = in.assetClass() == AssetClass.EQUITY ? "NYSE" : "CRYPTO_24_7";
            require(at + "calendar", in.calendar(), !CALENDARS.contains(in.calendar()) ||
                expected.equals(in.calendar()), expected + " for asset class " + in.assetClass());
        }
    }

    /**
     * @return the first directory of {@code dir} that a {@code ..} after it steps out of but that does not exist (a
     *     path through it cannot be created), or null.
     */
    private static String missingBeforeParent(final String dir)
    {
        java.nio.file.Path prefix = null;
        for (final java.nio.file.Path part : java.nio.file.Path.of(dir))
        {
            if ("..".equals(part.toString()) && prefix != null &&
                !java.nio.file.Files.isDirectory(java.nio.file.Path.of(dir).isAbsolute() ?
                    java.nio.file.Path.of("/").resolve(prefix) : prefix))
            {
                return prefix.toString();
            }
            prefix = prefix == null ? part : prefix.resolve(part);
        }
        return null;
    }

    private void decimal(final String path, final BigDecimal value, final int scale)
    {
        require(path, value, value.signum() > 0, "a positive number");
        require(path, value, value.stripTrailingZeros().scale() <= Math.max(scale, 0),
            "at most " + scale + " decimals (the instrument's scale)");
    }

    private void validateSim(final KeelConfig.Sim sim)
    {
        range("sim.eventsPerSecond", sim.eventsPerSecond(), 0, false, 1_000_000, true);
        range("sim.volatilityAnnual", sim.volatilityAnnual(), 0, false, 5, true);
        range("sim.garchAlpha", sim.garchAlpha(), 0, true, 1, false);
        range("sim.garchBeta", sim.garchBeta(), 0, true, 1, false);
        require("sim.garchBeta", sim.garchBeta(), sim.garchAlpha() + sim.garchBeta() < 1,
            "garchAlpha + garchBeta < 1 (garchAlpha is " + sim.garchAlpha() + "), else variance explodes");
        range("sim.flowPersistence", sim.flowPersistence(), 0, true, 1, false);
        range("sim.flowPredictability", sim.flowPredictability(), 0, true, 1, true);
        range("sim.bookLevels", sim.bookLevels(), 1, true, 50, true);
        range("sim.levelQuantity", sim.levelQuantity(), "0", false, "1000000000");
        range("sim.tradeProbability", sim.tradeProbability(), 0, true, 1, true);
        range("sim.spreadTicks", sim.spreadTicks(), 1, true, 1000, true);
    }

    private void validateFeatures(final KeelConfig c)
    {
        final KeelConfig.Features f = c.features();
        range("features.emaFastMs", f.emaFastMs(), 1, true, MAX_TIME_CONSTANT_MS, true);
        range("features.emaSlowMs", f.emaSlowMs(), 1, true, MAX_TIME_CONSTANT_MS, true);
        require("features.emaSlowMs", f.emaSlowMs(), f.emaSlowMs() > f.emaFastMs(),
            "greater than features.emaFastMs (" + f.emaFastMs() + ")");
        range("features.volatilityHalfLifeMs", f.volatilityHalfLifeMs(), 1, true, MAX_TIME_CONSTANT_MS, true);
        range("features.imbalanceLevels", f.imbalanceLevels(), 1, true, c.sim().bookLevels(), true);
        range("features.warmupUpdates", f.warmupUpdates(), 1, true, 1_000_000, true);
        range("features.barIntervalMs", f.barIntervalMs(), 0, true, 86_400_000, true);
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < f.indicators().size(); i++)
        {
            final String text = f.indicators().get(i);
            try
            {
                IndicatorSpec.parse(text);
                require("features.indicators[" + i + "]", text, seen.add(text.trim()), "each subscription once");
            }
            catch (final IllegalArgumentException ex)
            {
                problem("features.indicators[" + i + "]", text, ex.getMessage());
            }
        }
    }

    private void validateAlpha(final KeelConfig.Alpha a, final List<KeelConfig.Instrument> instruments)
    {
        range("alpha.bookImbalance.edgeScaleBps", a.bookImbalance().edgeScaleBps(), 0, true, 1000, true);
        range("alpha.bookImbalance.horizonMs", a.bookImbalance().horizonMs(), 1, true, MAX_HORIZON_MS, true);
        range("alpha.maMomentum.gain", a.maMomentum().gain(), 0, true, 100, true);
        range("alpha.maMomentum.saturationBps", a.maMomentum().saturationBps(), 0, false, 10_000, true);
        range("alpha.maMomentum.horizonMs", a.maMomentum().horizonMs(), 1, true, MAX_HORIZON_MS, true);
        final java.util.Map<String, KeelConfig.Model> zoo = new java.util.LinkedHashMap<>();
        zoo.put("orderFlowImbalance", a.orderFlowImbalance());
        zoo.put("micropriceDeviation", a.micropriceDeviation());
        zoo.put("meanReversion", a.meanReversion());
        zoo.put("volatilityRegime", a.volatilityRegime());
        zoo.put("rsiComposite", a.rsiComposite());
        zoo.put("fundingShock", a.fundingShock());
        zoo.put("tradeFlowImbalance", a.tradeFlowImbalance());
        boolean any = a.bookImbalance().enabled() || a.maMomentum().enabled();
        for (final java.util.Map.Entry<String, KeelConfig.Model> model : zoo.entrySet())
        {
            final String at = "alpha." + model.getKey() + ".";
            final KeelConfig.Model m = model.getValue();
            range(at + "window", m.window(), 1, true, 1_000_000, true);
            range(at + "edgeScaleBps", m.edgeScaleBps(), 0, true, 1000, true);
            range(at + "saturation", m.saturation(), 0, false, 1e9, true);
            range(at + "horizonMs", m.horizonMs(), 1, true, MAX_HORIZON_MS, true);
            any |= m.enabled() && !model.getKey().equals("volatilityRegime");
        }
        final KeelConfig.Trained trained = a.trained();
        range("alpha.trained.minConfidence", trained.minConfidence(), 0, true, 1, false);
        if (trained.enabled())
        {
            require("alpha.trained.artifact", trained.artifact(), trained.artifact() != null &&
                !trained.artifact().isBlank(), "the path of a model artifact written by `keel train`");
            require("alpha.trained.sha256", trained.sha256(), trained.sha256() != null &&
                trained.sha256().matches("[0-9a-fA-F]{64}"), "the artifact's SHA-256 (64 hex digits, printed by " +
                "`keel train`)");
            any = true;
        }
        require("alpha", "(no model with an edge enabled)", any,
            "at least one enabled model that emits an edge (volatilityRegime only scales the others)");
        final Map<String, Boolean> enabled = new java.util.LinkedHashMap<>();
        enabled.put("bookImbalance", a.bookImbalance().enabled());
        enabled.put("maMomentum", a.maMomentum().enabled());
        zoo.forEach((key, m) -> enabled.put(key, m.enabled()));
        enabled.put("trained", trained.enabled());
        final Set<String> symbols = new HashSet<>();
        instruments.forEach(i -> symbols.add(i.symbol()));
        if (a.routes() != null)
        {
            a.routes().forEach((symbol, models) ->
            {
                require("alpha.routes." + symbol, symbol, symbols.contains(symbol), "a configured instrument symbol");
                for (final String model : models == null ? List.<String>of() : models)
                {
                    require("alpha.routes." + symbol, model, Boolean.TRUE.equals(enabled.get(model)),
                        "an enabled model of this mode: " + enabled.entrySet().stream().filter(e -> e.getValue())
                        .map(Map.Entry::getKey).toList());
                }
            });
        }
    }

    private void validateSizing(final KeelConfig.Sizing s)
    {
        range("sizing.volatilityTargetAnnual", s.volatilityTargetAnnual(), 0, false, 5, true);
        range("sizing.fraction", s.fraction(), 0, false, 1, true);
        range("sizing.minEdgeBps", s.minEdgeBps(), 0, true, 10_000, true);
        range("sizing.fullSizeEdgeBps", s.fullSizeEdgeBps(), 0, false, 10_000, true);
        require("sizing.fullSizeEdgeBps", s.fullSizeEdgeBps(), s.fullSizeEdgeBps() > s.minEdgeBps(),
            "greater than sizing.minEdgeBps (" + s.minEdgeBps() + ")");
        range("sizing.maxPositionFractionCrypto", s.maxPositionFractionCrypto(), 0, false, 1, true);
        range("sizing.maxPositionFractionEquity", s.maxPositionFractionEquity(), 0, false, 1, true);
        range("sizing.rebalanceThresholdFraction", s.rebalanceThresholdFraction(), 0, true, 1, true);
        range("sizing.kellyFraction", s.kellyFraction(), 0, false, 1, true);
        range("sizing.maxGrossLeverageCrypto", s.maxGrossLeverageCrypto(), 0, false, 20, true);
        range("sizing.maxGrossLeverageEquity", s.maxGrossLeverageEquity(), 0, false, 20, true);
        range("sizing.varBudgetUsd", s.varBudgetUsd(), "0", false, "1000000000");
        range("sizing.varConfidence", s.varConfidence(), 0.5, false, 1, false);
        range("sizing.varHorizonMs", s.varHorizonMs(), 1, true, MAX_HORIZON_MS, true);
        if (s.historicalVarWindow() != 0)
        {
            range("sizing.historicalVarWindow", s.historicalVarWindow(), 20, true, 100_000, true);
        }
        range("sizing.historicalVarIntervalMs", s.historicalVarIntervalMs(), 1, true, MAX_HORIZON_MS, true);
        require("sizing.allocation", s.allocation(), s.allocation() != null, "independent or hrp");
        require("sizing.allocation", "hrp", s.allocation() != KeelConfig.Allocation.HRP ||
            s.historicalVarWindow() > 0, "a return history: set sizing.historicalVarWindow (e.g. 250) to use hrp");
    }

    private void validateRisk(final KeelConfig c)
    {
        final KeelConfig.Risk r = c.risk();
        range("risk.maxOrderNotionalUsd", r.maxOrderNotionalUsd(), "0", false, "1000000000");
        range("risk.maxPositionNotionalUsd", r.maxPositionNotionalUsd(), "0", false, "1000000000");
        range("risk.dailyLossStopUsd", r.dailyLossStopUsd(), "0", false, "1000000000");
        range("risk.priceCollarBps", r.priceCollarBps(), 0, false, 10_000, true);
        range("risk.maxGrossExposureUsd", r.maxGrossExposureUsd(), "0", true, "1000000000");
        range("risk.maxNetExposureUsd", r.maxNetExposureUsd(), "0", true, "1000000000");
        range("risk.maxCreditUsd", r.maxCreditUsd(), "0", true, "1000000000");
        range("risk.duplicateWindowMs", r.duplicateWindowMs(), 0, true, 3_600_000, true);
        range("risk.maxOrdersPerSecond", r.maxOrdersPerSecond(), 1, true, 100_000, true);
        range("risk.varWindowDays", r.varWindowDays(), 20, true, 100_000, true);
        require("risk.stateDir", r.stateDir(), r.stateDir() != null && !r.stateDir().isBlank(), "a directory path");
        final Set<String> symbols = new HashSet<>();
        c.instruments().forEach(i -> symbols.add(i.symbol()));
        if (r.maxOrderQuantity() != null)
        {
            r.maxOrderQuantity().forEach((symbol, quantity) ->
            {
                require("risk.maxOrderQuantity." + symbol, symbol, symbols.contains(symbol),
                    "a configured instrument symbol");
                require("risk.maxOrderQuantity." + symbol, quantity, quantity != null && quantity.signum() > 0,
                    "a positive quantity");
            });
        }
        final KeelConfig.Breakers b = r.breakers();
        range("risk.breakers.volatilityHaltRatio", b.volatilityHaltRatio(), 0, true, 1000, true);
        range("risk.breakers.volatilityShortMs", b.volatilityShortMs(), 1, true, MAX_HORIZON_MS, true);
        range("risk.breakers.volatilityLongMs", b.volatilityLongMs(), 1, true, MAX_HORIZON_MS, true);
        require("risk.breakers.volatilityLongMs", b.volatilityLongMs(), b.volatilityLongMs() > b.volatilityShortMs(),
            "longer than volatilityShortMs");
        range("risk.breakers.feedDivergenceBps", b.feedDivergenceBps(), 0, false, 10_000, true);
        range("risk.breakers.feedDivergenceTrades", b.feedDivergenceTrades(), 0, true, 1_000_000, true);
        range("risk.breakers.drawdownStopUsd", b.drawdownStopUsd(), "0", false, "1000000000");
        range("risk.breakers.lockInGainUsd", b.lockInGainUsd(), "0", true, "1000000000");
        range("risk.breakers.lockInScale", b.lockInScale(), 0, false, 1, true);
        range("risk.breakers.runawayOrdersPerMinute", b.runawayOrdersPerMinute(), 0, true, 1_000_000, true);
        require("risk.dailyLossStopUsd", r.dailyLossStopUsd(),
            r.dailyLossStopUsd().compareTo(c.account().initialCashUsd()) < 0,
            "less than account.initialCashUsd (" + c.account().initialCashUsd().toPlainString() + ")");
    }

    private void range(
        final String path, final double value, final double min, final boolean minInclusive, final double max,
        final boolean maxInclusive)
    {
        final boolean ok = (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
        require(path, format(value), ok, (minInclusive ? "[" : "(") + format(min) + ", " + format(max) +
            (maxInclusive ? "]" : ")"));
    }

    private void range(
        final String path, final BigDecimal value, final String min, final boolean minInclusive, final String max)
    {
        final int low = value.compareTo(new BigDecimal(min));
        final boolean ok = (minInclusive ? low >= 0 : low > 0) && value.compareTo(new BigDecimal(max)) <= 0;
        require(path, value.toPlainString(), ok, (minInclusive ? "[" : "(") + min + ", " + max + "]");
    }

    private static String format(final double value)
    {
        final boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return whole ? Long.toString((long)value) : Double.toString(value);
    }

    private void require(final String path, final Object value, final boolean ok, final String allowed)
    {
        if (!ok)
        {
            problem(path, value, allowed);
        }
    }

    private void problem(final String path, final Object value, final String allowed)
    {
        problems.add(ConfigLoader.originOf(path, origins, fallbackFile) + ": key '" + path + "' = " + value +
            " is not allowed; expected " + allowed);
    }

    void throwIfInvalid()
    {
        if (!problems.isEmpty())
        {
            throw new ConfigException(problems);
        }
    }
}
