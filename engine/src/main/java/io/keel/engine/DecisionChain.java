package io.keel.engine;

import io.keel.alpha.AlphaModel;
import io.keel.alpha.AlphaZoo;
import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.SessionTracker;
import io.keel.core.Side;
import io.keel.core.TradingCalendar;
import io.keel.core.decision.Blend;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.ensemble.Blender;
import io.keel.ensemble.ConfidenceWeightedBlender;
import io.keel.ensemble.HitRateBlender;
import io.keel.ensemble.OnlineLogisticBlender;
import io.keel.execution.OrderState;
import io.keel.execution.OrderTracker;
import io.keel.execution.Portfolio;
import io.keel.ingest.feature.FeatureEngine;
import io.keel.risk.PreTradeRisk;
import io.keel.sizing.HistoricalVar;
import io.keel.sizing.VolatilityTargetSizer;

import java.util.List;

/**
 * The fused decision consumer's work for one inbound event: features → alpha zoo → ensemble → sizing → pre-trade
 * risk → order intent with its decision record; execution reports update the order state machine and the
 * portfolio; operator commands drive the kill switch and cancels. A pure function of the inbound sequence and the
 * configuration: no clock, no randomness, no I/O (output goes to {@link DecisionOutput}).
 *
 * <p>Single-threaded (the decision thread); allocation-free per event.
 */
public final class DecisionChain
{
    private final InstrumentSpec[] specs;
    private final FeatureEngine features;
    private final AlphaModel[] models;
    private final Signal[] signals;
    private final boolean[] modelOn;
    private final double[] modelEdgeScale;
    private final long minModelHorizonNs;
    private final long maxModelHorizonNs;
    private final boolean[][] routed;
    private final Blend blend;
    private final Blender blender;
    private final VolatilityTargetSizer sizer;
    private final PreTradeRisk risk;
    private final OrderTracker orders;
    private final Portfolio portfolio;
    private final boolean limitOrders;
    private final DecisionOutput output;
    private final DecisionRecord record = new DecisionRecord();
    private final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
    private final HistoricalVar historicalVar;
    private final double varBudget;
    private final boolean hrp;
    private final double[][] covariance;
    private final double[] allocationScale;
    private int allocatedAtSample = -1;
    private long reallocations;
    private final double[] notional;
    private final Event intent = new Event();
    private final long[] cancelIds = new long[1024];
    private final long orderTimeoutNs;
    private final long flatBeforeCloseNs;
    private final long[] workingOrderId;
    private final long[] workingSinceNs;
    private final boolean[] cancelSent;
    private final RejectReason[] lastVeto;
    private final SessionTracker[] sessions;
    private final boolean flattenOnKill;
    private final boolean[] flattenPending;
    private boolean killHandled;
    private long flattenOrders;
    private long inboundEvents;
    private long timeoutCancels;
    private long historicalVarCuts;
    private long modelChanges;
    private long refusedConfigChanges;
    private long decisions;
    private long intents;
    private long fills;
    private ChainMetrics metrics;
    private io.keel.risk.RiskListener riskListener = io.keel.risk.RiskListener.NONE;

    /** Builds the chain of a configuration, writing to {@code output}. */
    public DecisionChain(final LoadedConfig loaded, final DecisionOutput output)
    {
        final KeelConfig config = loaded.config();
        final List<InstrumentSpec> instruments = loaded.instruments();
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.models = AlphaZoo.fromConfig(config.alpha()).toArray(new AlphaModel[0]);
        this.routed = new boolean[specs.length][models.length];
        for (int id = 0; id < specs.length; id++)
        {
            final List<String> route = config.alpha().routeOf(specs[id].symbol());
            for (int i = 0; i < models.length; i++)
            {
                routed[id][i] = route == null || route.contains(AlphaZoo.configKey(models[i]));
            }
        }
        this.features = featureEngine(loaded, java.util.Arrays.asList(models));
        this.modelOn = new boolean[models.length];
        this.modelEdgeScale = new double[models.length];
        java.util.Arrays.fill(modelOn, true);
        java.util.Arrays.fill(modelEdgeScale, 1.0);
        this.minModelHorizonNs = config.ensemble().minModelHorizonMs() * 1_000_000L;
        this.maxModelHorizonNs = config.ensemble().maxModelHorizonMs() == 0 ? Long.MAX_VALUE :
            config.ensemble().maxModelHorizonMs() * 1_000_000L;
        this.signals = new Signal[models.length];
        for (int i = 0; i < models.length; i++)
        {
            signals[i] = new Signal();
        }
        this.blend = new Blend(models.length);
        this.blender = blender(config.ensemble(), specs.length, models.length);
        this.sizer = new VolatilityTargetSizer(config.sizing());
        this.historicalVar = config.sizing().historicalVarWindow() == 0 ? null : new HistoricalVar(specs.length,
            config.sizing().historicalVarWindow(), config.sizing().historicalVarIntervalMs() * 1_000_000L,
            config.sizing().varHorizonMs() * 1_000_000L, config.sizing().varConfidence());
        this.varBudget = config.sizing().varBudgetUsd().doubleValue();
        this.hrp = config.sizing().allocation() == KeelConfig.Allocation.HRP && historicalVar != null;
        this.covariance = new double[hrp ? specs.length : 0][specs.length];
        this.allocationScale = new double[specs.length];
        java.util.Arrays.fill(allocationScale, 1.0);
        this.notional = new double[specs.length];
        this.risk = new PreTradeRisk(instruments, io.keel.risk.RiskLimits.of(loaded));
        this.flattenOnKill = config.risk().flattenOnKill();
        this.flattenPending = new boolean[specs.length];
        this.orders = new OrderTracker(specs.length);
        this.portfolio = new Portfolio(instruments, loaded.money().initialCash());
        this.limitOrders = config.execution().orderType() == KeelConfig.OrderStyle.LIMIT;
        this.orderTimeoutNs = config.execution().orderTimeoutMs() * 1_000_000L;
        this.flatBeforeCloseNs = config.execution().flatBeforeCloseMs() * 1_000_000L;
        this.workingOrderId = new long[specs.length];
        this.workingSinceNs = new long[specs.length];
        this.cancelSent = new boolean[specs.length];
        this.output = output;
        this.lastVeto = new RejectReason[specs.length];
        this.sessions = new SessionTracker[specs.length];
        for (int i = 0; i < specs.length; i++)
        {
            sessions[i] = new SessionTracker(TradingCalendar.of(specs[i].calendarId()),
                config.sessions().extendedHours());
        }
        java.util.Arrays.fill(lastVeto, RejectReason.NONE);
    }

    /**
     * Builds the feature bus of a configuration for a set of models: it computes what the mode subscribes to plus
     * what each model reads, and binds each model to its indicator slots. Research uses it too, so what it measures
     * is what trades.
     */
    public static FeatureEngine featureEngine(final LoadedConfig loaded, final List<AlphaModel> models)
    {
        final KeelConfig config = loaded.config();
        final List<String> indicators = new java.util.ArrayList<>(config.features().indicators());
        for (final AlphaModel model : models)
        {
            for (final String indicator : model.indicators())
            {
                if (!indicators.contains(indicator))
                {
                    indicators.add(indicator);
                }
            }
        }
        final KeelConfig.Features f = config.features();
        final FeatureEngine engine = new FeatureEngine(loaded.instruments(), new KeelConfig.Features(f.emaFastMs(),
            f.emaSlowMs(), f.volatilityHalfLifeMs(), f.imbalanceLevels(), f.warmupUpdates(), indicators,
            f.barIntervalMs()), config.sim().bookLevels());
        for (final AlphaModel model : models)
        {
            model.bind(engine::indicatorSlot);
        }
        return engine;
    }

    private static Blender blender(final KeelConfig.Ensemble e, final int instruments, final int models)
    {
        final long horizonNs = e.horizonMs() * 1_000_000L;
        return switch (e.blender())
        {
            case CONFIDENCE -> new ConfidenceWeightedBlender(e.minConfidence(), e.shrinkage());
            case HIT_RATE -> new HitRateBlender(instruments, models, horizonNs, e.hitRateDecay(), e.minConfidence());
            case LOGISTIC -> new OnlineLogisticBlender(instruments, models, horizonNs, e.learningRate(), e.l2(),
                e.edgeScaleBps(), e.minConfidence());
        };
    }

    /** Processes one inbound event (already sequenced and journaled). */
    public void onInbound(final Event event)
    {
        inboundEvents++;
        if (metrics != null)
        {
            metrics.onEvent(event.instrumentId, event.type.isMarketData());
        }
        switch (event.type)
        {
            case EXECUTION_REPORT -> onReport(event);
            case OPERATOR_COMMAND -> onCommand(event);
            case CONFIG_CHANGE -> onConfigChange(event);
            case QUALITY_FLAG -> risk.onQualityFlag(event.instrumentId, event.qualityCode, event.level == 1);
            case CORPORATE_ACTION ->
            {
                portfolio.applySplit(event.instrumentId, event.value, event.quantity);
                features.onSplit(event.instrumentId, event.value, event.quantity);
            }
            case TIMER ->
            {
                risk.onTime(event.timestampNs, portfolio.equityMoney());
                features.onTime(event.timestampNs);
                if (metrics != null)
                {
                    metrics.publishBook(portfolio, risk);
                    for (int id = 0; id < specs.length; id++)
                    {
                        metrics.sessionOpen(id, sessions[id].isOpen(event.timestampNs));
                    }
                }
            }
            case BOOK_LEVEL, QUOTE, BAR ->
            {
                final boolean timed = metrics != null && metrics.sampleFeatures();
                final long t = timed ? System.nanoTime() : 0;
                final boolean changed = features.onEvent(event);
                lap(timed, 0, t);
                if (changed)
                {
                    onMarketChange(event);
                }
            }
            case TRADE ->
            {
                features.onEvent(event); // subscribed indicators only
                if (event.instrumentId >= 0 && event.instrumentId < specs.length)
                {
                    risk.onTrade(event.instrumentId, event.timestampNs, event.price,
                        portfolio.markPrice(event.instrumentId));
                }
            }
            case FUNDING_RATE -> features.onEvent(event);
            default ->
            {
                // timers without work, orders are outbound
            }
        }
    }

    /**
     * Applies a journaled live change: a model turned off or on, or its edges re-scaled (by its index in the zoo),
     * or a risk limit. A change naming no model of this zoo, or out of range, is refused and counted.
     */
    private void onConfigChange(final Event event)
    {
        final int model = event.level;
        switch (event.configKey)
        {
            case MODEL_ENABLED ->
            {
                if (model < 0 || model >= models.length || event.value != 0 && event.value != 1)
                {
                    refusedConfigChanges++;
                    return;
                }
                modelOn[model] = event.value == 1;
                modelChanges++;
            }
            case MODEL_EDGE_SCALE ->
            {
                if (model < 0 || model >= models.length || event.value < 0 || event.value > 100_000_000L)
                {
                    refusedConfigChanges++;
                    return;
                }
                modelEdgeScale[model] = event.value / 1_000_000.0;
                modelChanges++;
            }
            default ->
            {
                if (!risk.apply(event.configKey, event.value))
                {
                    refusedConfigChanges++;
                }
            }
        }
    }

    /** @return live model changes applied (a model turned on/off or re-scaled). */
    public long modelChanges()
    {
        return modelChanges;
    }

    /** @return live configuration changes refused (unknown model index, value out of range). */
    public long refusedConfigChanges()
    {
        return refusedConfigChanges;
    }

    /** @return whether model {@code index} of the zoo is on (a live change may turn it off). */
    public boolean modelOn(final int index)
    {
        return modelOn[index];
    }

    private void onMarketChange(final Event event)
    {
        final int id = event.instrumentId;
        final long bid = features.bestBid(id);
        final long ask = features.bestAsk(id);
        portfolio.mark(id, FixedPoint.divide(bid + ask, 2, FixedPoint.Rounding.HALF_EVEN));
        blender.onMarket(id, event.timestampNs, features.features(id).mid);
        if (historicalVar != null)
        {
            historicalVar.onMid(id, event.timestampNs, features.features(id).mid);
        }
        risk.onTime(event.timestampNs, portfolio.equityMoney());
        risk.onMid(id, event.timestampNs, features.features(id).mid);
        decide(event, id, bid, ask);
        handleKillSwitch(event);
    }

    /** Fills {@link #book} with the gross notional and VaR of the positions of {@code id}'s asset class but its own. */
    private void measureOtherPositions(final int id)
    {
        book.grossOthers = 0;
        book.varOthers = 0;
        final boolean crypto = specs[id].assetClass().isCrypto();
        for (int other = 0; other < specs.length; other++)
        {
            final long quantity = portfolio.positionQuantity(other);
            if (other == id || quantity == 0)
            {
                continue;
            }
            final Features of = features.features(other);
            final double notional = Math.abs(FixedPoint.toDouble(quantity, specs[other].quantityScale()) * of.mid);
            book.varOthers += sizer.valueAtRisk(notional, of.realizedVolatilityAnnual);
            if (specs[other].assetClass().isCrypto() == crypto)
            {
                book.grossOthers += notional;
            }
        }
    }

    private void decide(final Event trigger, final int id, final long bid, final long ask)
    {
        final Features f = features.features(id);
        // A bar is stamped at its end: it belongs to the session its last instant is in.
        final long sessionNs = trigger.type == EventType.BAR ? trigger.timestampNs - 1 : trigger.timestampNs;
        // an intraday book closes out before the session ends: no new position, working orders canceled (a bar
        // ending as the window opens already counts: nothing is opened to be closed a moment later)
        final boolean closing = flatBeforeCloseNs > 0 && sessions[id].isOpen(sessionNs) &&
            sessions[id].sessionEndNs() - trigger.timestampNs <= flatBeforeCloseNs;
        if (orders.hasWorkingOrder(id))
        {
            cancelIfTimedOut(trigger, id, closing);
            return;
        }
        if (!f.warm || !sessions[id].isOpen(sessionNs))
        {
            return;
        }
        if (flattenPending[id] || closing)
        {
            flatten(trigger, id, bid, ask);
            return;
        }
        if (risk.killSwitchEngaged())
        {
            return; // a kill halts the strategy: only an operator's flatten or close sends orders until the reset
        }
        final boolean timed = metrics != null && metrics.sampleNow();
        long t = timed ? System.nanoTime() : 0;
        evaluateModels(id, f);
        t = lap(timed, 1, t);
        blender.blend(id, trigger.timestampNs, f.mid, signals, models.length, blend);
        t = lap(timed, 2, t);
        if (metrics != null)
        {
            metrics.onSignals(id, signals, blend, blender);
        }
        final InstrumentSpec spec = specs[id];
        final long equity = portfolio.equityMoney();
        final long position = portfolio.positionQuantity(id);
        measureOtherPositions(id);
        book.allocationScale = allocationScale(id);
        final long target = scaled(sizer.targetQuantity(spec, f, blend, equity, book), risk.sizeScale(), spec);
        final long sized = sizer.orderQuantity(spec, target, position);
        final long signedQuantity = limitByHistoricalVar(id, sized);
        t = lap(timed, 3, t);
        if (signedQuantity == 0)
        {
            return;
        }
        final Side side = Side.ofSign(signedQuantity);
        // a limit joins our touch, on the tick (bars: the close may be off it); a market order crosses
        final long price = limitOrders ? onTick(side == Side.BUY ? bid : ask, side, spec) :
            side == Side.BUY ? ask : bid;
        // larger than one order may be (closing a big position): this order takes what the limits allow
        final long quantity = Math.min(Math.abs(signedQuantity), risk.maxOrderQuantity(spec, price));
        if (quantity == 0)
        {
            return;
        }
        final RejectReason verdict = risk.check(spec, side, quantity, limitOrders, price, portfolio.markPrice(id),
            trigger.timestampNs, portfolio, orders);
        lap(timed, 4, t);
        if (verdict != RejectReason.NONE && verdict == lastVeto[id])
        {
            return; // the same veto again: counted by risk, journaled once per change
        }
        lastVeto[id] = verdict;
        fillRecord(trigger, id, f, equity, position, target, side, quantity, price, verdict);
        record.sizedQuantity = sized;
        decisions++;
        if (metrics != null)
        {
            metrics.onDecision(verdict);
        }
        if (verdict != RejectReason.NONE)
        {
            output.onDecision(record);
            return;
        }
        send(trigger, id, side, limitOrders ? OrderType.LIMIT : OrderType.MARKET, limitOrders ? price : 0, quantity);
    }

    /** Runs the zoo on an instrument: each routed, enabled model in its horizon band, scaled, regime-adjusted. */
    private void evaluateModels(final int id, final Features f)
    {
        double regime = 1.0;
        for (int i = 0; i < models.length; i++)
        {
            if (!routed[id][i] || !modelOn[i])
            {
                signals[i].clear(); // the router does not feed this model to this instrument, or it was turned off
                continue;
            }
            models[i].evaluate(id, f, signals[i]);
            regime *= models[i].confidenceScale(id, f);
            if (signals[i].horizonNs < minModelHorizonNs || signals[i].horizonNs > maxModelHorizonNs)
            {
                signals[i].clear(); // routed by horizon: outside the band this mode blends
                continue;
            }
            signals[i].edgeBps *= modelEdgeScale[i];
        }
        if (regime < 1.0)
        {
            for (int i = 0; i < models.length; i++)
            {
                signals[i].confidence *= regime;
            }
        }
    }

    /** Records a sampled stage's time. @return the clock now. */
    private long lap(final boolean timed, final int stage, final long since)
    {
        if (!timed)
        {
            return 0;
        }
        final long now = System.nanoTime();
        metrics.stage(stage, now - since);
        return now;
    }

        /** Emits an accepted order: its decision record (already filled), then the intent; tracks it as working. */
    private void send(
        final Event trigger, final int id, final Side side, final OrderType type, final long price, final long quantity)
    {
        intent.reset();
        intent.type = EventType.ORDER_INTENT;
        intent.sequence = trigger.sequence;
        intent.timestampNs = trigger.timestampNs;
        intent.instrumentId = id;
        intent.clientOrderId = clientOrderId(trigger.sequence, 0);
        intent.side = side;
        intent.orderType = type;
        intent.price = price;
        intent.quantity = quantity;
        record.clientOrderId = intent.clientOrderId;
        orders.onSubmit(intent);
        if (metrics != null)
        {
            metrics.onSubmit(id, side, features.features(id).mid);
        }
        workingOrderId[id] = intent.clientOrderId;
        workingSinceNs[id] = trigger.timestampNs;
        cancelSent[id] = false;
        intents++;
        output.onDecision(record);
        output.onIntent(intent);
    }

    /** @return a limit price on the tick, rounded away from crossing: buys down, sells up. */
    private static long onTick(final long price, final Side side, final InstrumentSpec spec)
    {
        final long tick = spec.tickSizeUnits();
        final long below = Math.floorDiv(price, tick) * tick;
        return side == Side.BUY || below == price ? below : below + tick;
    }

    /** @return the target scaled down (toward zero, to the lot) by the gain lock-in, unchanged at 1. */
    private static long scaled(final long target, final double scale, final InstrumentSpec spec)
    {
        return scale >= 1.0 ? target : FixedPoint.roundToLot((long)(target * scale), spec.lotSizeUnits());
    }

    /**
     * Closes an instrument's position with a market order once its working orders are done (flatten-all). The
     * order is risk-reducing, so the kill switch and halts let it through; the other checks still apply.
     */
    private void flatten(final Event trigger, final int id, final long bid, final long ask)
    {
        final long position = portfolio.positionQuantity(id);
        if (position == 0)
        {
            flattenPending[id] = false;
            return;
        }
        final InstrumentSpec spec = specs[id];
        final Side side = position > 0 ? Side.SELL : Side.BUY;
        final long price = side == Side.BUY ? ask : bid;
        final long quantity = Math.min(Math.abs(position), risk.maxOrderQuantity(spec, price));
        if (quantity == 0)
        {
            return;
        }
        final RejectReason verdict = risk.check(spec, side, quantity, false, price, portfolio.markPrice(id),
            trigger.timestampNs, portfolio, orders);
        if (verdict != RejectReason.NONE && verdict == lastVeto[id])
        {
            return;
        }
        lastVeto[id] = verdict;
        for (int i = 0; i < models.length; i++)
        {
            signals[i].clear();
            blend.weights[i] = 0;
        }
        blend.edgeBps = 0;
        blend.confidence = 0;
        blend.horizonNs = 0;
        book.grossOthers = 0;
        book.varOthers = 0;
        book.allocationScale = 1.0;
        fillRecord(trigger, id, features.features(id), portfolio.equityMoney(), position, 0, side, quantity, price,
            verdict);
        record.sizedQuantity = -position;
        decisions++;
        if (verdict != RejectReason.NONE)
        {
            output.onDecision(record);
            return;
        }
        flattenOrders++;
        send(trigger, id, side, OrderType.MARKET, 0, quantity);
    }

    /** @return market orders sent to flatten positions. */
    public long flattenOrders()
    {
        return flattenOrders;
    }

    /**
     * Acts once on each engagement of the kill switch, whoever engaged it (operator, breaker): cancels every working
     * order and, when configured, flattens.
     */
    private void handleKillSwitch(final Event cause)
    {
        final boolean engaged = risk.killSwitchEngaged();
        if (engaged && !killHandled)
        {
            killHandled = true;
            cancelAll(cause);
            if (flattenOnKill)
            {
                java.util.Arrays.fill(flattenPending, true);
            }
        }
        else if (!engaged)
        {
            killHandled = false;
        }
    }

    /** @return whether the kill switch is engaged. */
    public boolean killSwitchEngaged()
    {
        return risk.killSwitchEngaged();
    }

    /** Sets who hears of every halt and reset (the daemon's audit log and kill-switch latch). */
    public void riskListener(final io.keel.risk.RiskListener listener)
    {
        this.riskListener = listener;
        risk.listener(this::onHalt);
    }

    private void onHalt(final long eventTimeNs, final int instrumentId, final io.keel.risk.RiskListener.Halt halt,
        final boolean engaged, final String reason)
    {
        if (metrics != null)
        {
            metrics.onHalt(eventTimeNs, instrumentId, halt, engaged, reason);
        }
        riskListener.onHalt(eventTimeNs, instrumentId, halt, engaged, reason);
    }

    /** Publishes to monitoring from now on (the decision thread writes, the monitoring side reads). */
    public void metrics(final ChainMetrics chainMetrics)
    {
        this.metrics = chainMetrics;
        risk.listener(this::onHalt);
        chainMetrics.killSwitch(risk.killSwitchEngaged());
        chainMetrics.limits(risk.limits(), varBudget);
        chainMetrics.publishBook(portfolio, risk);
    }

    /** @return the zoo's model names, by index (labels of the model metrics). */
    public List<String> modelNames()
    {
        final List<String> names = new java.util.ArrayList<>();
        for (final AlphaModel model : models)
        {
            names.add(model.name());
        }
        return names;
    }

    /** Client order ids derive from the inbound sequence of the triggering event: a replay regenerates them. */
    public static long clientOrderId(final long triggerSequence, final int ordinal)
    {
        return (triggerSequence << 2) | ordinal;
    }

    private void fillRecord(
        final Event trigger, final int id, final Features f, final long equity, final long position,
        final long target, final Side side, final long quantity, final long price, final RejectReason verdict)
    {
        record.triggerSequence = trigger.sequence;
        record.timestampNs = trigger.timestampNs;
        record.instrumentId = id;
        record.clientOrderId = 0;
        record.modelCount = models.length;
        for (int i = 0; i < models.length; i++)
        {
            record.modelEdgeBps[i] = signals[i].edgeBps;
            record.modelConfidence[i] = signals[i].confidence;
            record.modelWeight[i] = blend.weights[i];
        }
        record.blendEdgeBps = blend.edgeBps;
        record.blendConfidence = blend.confidence;
        record.volatilityAnnual = f.realizedVolatilityAnnual;
        record.equityMoney = equity;
        record.positionQuantity = position;
        record.targetQuantity = target;
        record.side = side;
        record.orderQuantity = quantity;
        record.referencePrice = price;
        record.verdict = verdict;
        record.blendHorizonNs = blend.horizonNs;
        record.grossOthersUsd = book.grossOthers;
        record.varOthersUsd = book.varOthers;
        record.allocationScale = book.allocationScale;
    }

    /**
     * Hierarchical risk parity across the instruments, re-weighted once per return interval (allocates then, a few
     * small arrays, once a day on the swing modes' default): instrument i gets n × w_i of an equal risk share. Until
     * the return window holds enough scenarios, and while an instrument has no variance yet, every share is 1.
     */
    private double allocationScale(final int id)
    {
        if (!hrp)
        {
            return 1.0;
        }
        final int samples = historicalVar.samples();
        if (samples != allocatedAtSample)
        {
            allocatedAtSample = samples;
            if (historicalVar.covariance(covariance) && positiveVariances())
            {
                final double[] weights = io.keel.sizing.HierarchicalRiskParity.weights(covariance);
                for (int i = 0; i < weights.length; i++)
                {
                    allocationScale[i] = weights.length * weights[i];
                }
                reallocations++;
            }
        }
        return allocationScale[id];
    }

    private boolean positiveVariances()
    {
        for (int i = 0; i < covariance.length; i++)
        {
            if (!(covariance[i][i] > 0))
            {
                return false;
            }
        }
        return true;
    }

    /** @return times the hierarchical-risk-parity allocation was recomputed. */
    public long reallocations()
    {
        return reallocations;
    }

    /** @return the current allocation share of an instrument (1 = equal, or independent sizing). */
    public double allocationScaleOf(final int id)
    {
        return allocationScale[id];
    }

    /** Client order id of the journaled opening balances of a live run (never an order's id: those are > 0). */
    public static final long OPENING_BALANCE_ID = 0;

    private void onReport(final Event report)
    {
        if (report.clientOrderId == OPENING_BALANCE_ID && report.execType == ExecType.FILLED)
        {
            // a live run opens its book where the venue is: the position bought at the venue's price, fee-free, out
            // of an initial cash that includes its value, so cash equals the venue's balance
            portfolio.onFill(report.instrumentId, report.side, report.price, report.quantity, 0);
            return;
        }
        if (report.execType == ExecType.FEE_IN_KIND)
        {
            portfolio.onFeeInKind(report.instrumentId, report.price, report.quantity);
            return;
        }
        final OrderState state = orders.onReport(report);
        if (state == null)
        {
            return;
        }
        if ((report.execType == ExecType.PARTIALLY_FILLED || report.execType == ExecType.FILLED) &&
            report.quantity > 0)
        {
            portfolio.onFill(report.instrumentId, report.side, report.price, report.quantity, report.fee);
            fills++;
            if (metrics != null)
            {
                metrics.onFill(report.instrumentId, report.side, report.price);
                metrics.publishBook(portfolio, risk);
            }
        }
        else if (report.execType == ExecType.REJECTED && metrics != null)
        {
            metrics.onVenueReject(report.rejectReason);
        }
    }

    private void onCommand(final Event command)
    {
        final OperatorCommand what = command.command;
        if (what == OperatorCommand.KILL)
        {
            risk.engageKillSwitch("operator: kill switch");
            handleKillSwitch(command);
        }
        else if (what == OperatorCommand.FLATTEN_ALL)
        {
            risk.engageKillSwitch("operator: flatten all");
            handleKillSwitch(command);
            java.util.Arrays.fill(flattenPending, true);
        }
        else if (what == OperatorCommand.RESET_KILL)
        {
            risk.resetKillSwitch("operator: reset");
            handleKillSwitch(command);
            java.util.Arrays.fill(flattenPending, false);
        }
        else if (what == OperatorCommand.CANCEL_ALL || what == OperatorCommand.SHUTDOWN)
        {
            cancelAll(command);
        }
        else if (what == OperatorCommand.STOP_ENTRIES || what == OperatorCommand.RESUME_ENTRIES)
        {
            risk.stopEntries(what == OperatorCommand.STOP_ENTRIES, what == OperatorCommand.STOP_ENTRIES ?
                "operator: stop new entries" : "operator: resume new entries");
        }
        else if (what == OperatorCommand.CANCEL_ORDER)
        {
            final OrderTracker.Order order = orders.get(command.clientOrderId);
            if (order != null)
            {
                sendCancel(command, order);
            }
        }
        else if (what == OperatorCommand.CLOSE_POSITION && command.instrumentId >= 0 &&
            command.instrumentId < specs.length)
        {
            final int count = orders.workingOrderIds(cancelIds);
            for (int i = 0; i < count; i++)
            {
                final OrderTracker.Order order = orders.get(cancelIds[i]);
                if (order.instrumentId() == command.instrumentId)
                {
                    sendCancel(command, order);
                }
            }
            flattenPending[command.instrumentId] = true;
        }
    }

    /**
     * Scales an order down so the historical VaR of the book after it stays under the budget, unless it lowers the
     * VaR (reducing risk is always allowed) or there is not enough history yet. Only runs when an order is due.
     *
     * @return the signed quantity to send, a multiple of the lot, 0 for none.
     */
    private long limitByHistoricalVar(final int id, final long order)
    {
        if (order == 0 || historicalVar == null)
        {
            return order;
        }
        for (int i = 0; i < specs.length; i++)
        {
            notional[i] = FixedPoint.toDouble(portfolio.positionQuantity(i), specs[i].quantityScale()) *
                features.features(i).mid;
        }
        final double before = historicalVar.valueAtRisk(notional);
        final double orderNotional = FixedPoint.toDouble(order, specs[id].quantityScale()) * features.features(id).mid;
        final double held = notional[id];
        notional[id] = held + orderNotional;
        final double after = historicalVar.valueAtRisk(notional);
        if (Double.isNaN(after) || after <= varBudget || after <= before)
        {
            return order;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < 30; i++)
        {
            final double mid = (low + high) / 2;
            notional[id] = held + orderNotional * mid;
            if (historicalVar.valueAtRisk(notional) <= varBudget)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        historicalVarCuts++;
        return FixedPoint.roundToLot((long)(order * low), specs[id].lotSizeUnits());
    }

    /** @return orders scaled down (or dropped) to keep the historical VaR of the book under the budget. */
    public long historicalVarCuts()
    {
        return historicalVarCuts;
    }

    /** Cancels the instrument's working order once it outlived the timeout, or at once before the close. */
    private void cancelIfTimedOut(final Event trigger, final int id, final boolean closing)
    {
        if (cancelSent[id] || !closing && (orderTimeoutNs == 0 ||
            trigger.timestampNs - workingSinceNs[id] < orderTimeoutNs))
        {
            return;
        }
        final OrderTracker.Order order = orders.get(workingOrderId[id]);
        if (order == null)
        {
            return; // not ours (should not happen): leave it to the operator's cancel-all
        }
        cancelSent[id] = true;
        timeoutCancels += closing ? 0 : 1;
        sendCancel(trigger, order);
    }

    /** @return working orders canceled because they outlived {@code execution.orderTimeoutMs}. */
    public long timeoutCancels()
    {
        return timeoutCancels;
    }

    private void cancelAll(final Event command)
    {
        final int count = orders.workingOrderIds(cancelIds);
        for (int i = 0; i < count; i++)
        {
            sendCancel(command, orders.get(cancelIds[i]));
        }
    }

    /** Sends a cancel of one working order, stamped with the event that caused it. */
    private void sendCancel(final Event cause, final OrderTracker.Order order)
    {
        intent.reset();
        intent.type = EventType.ORDER_INTENT;
        intent.sequence = cause.sequence;
        intent.timestampNs = cause.timestampNs;
        intent.instrumentId = order.instrumentId();
        intent.clientOrderId = order.clientOrderId();
        intent.command = OperatorCommand.CANCEL_ALL;
        output.onIntent(intent);
    }

    /** @return the portfolio (read on the decision thread, or after it stopped). */
    public Portfolio portfolio()
    {
        return portfolio;
    }

    /** @return the order state machine. */
    public OrderTracker orders()
    {
        return orders;
    }

    /** @return pre-trade risk. */
    public PreTradeRisk risk()
    {
        return risk;
    }

    /** @return the feature engine. */
    public FeatureEngine features()
    {
        return features;
    }

    /** @return inbound events processed. */
    public long inboundEvents()
    {
        return inboundEvents;
    }

    /** @return decision records emitted. */
    public long decisions()
    {
        return decisions;
    }

    /** @return order intents emitted (new orders). */
    public long intents()
    {
        return intents;
    }

    /** @return fills booked. */
    public long fills()
    {
        return fills;
    }
}
