package io.keel.engine;

import io.keel.alpha.ModelStage;
import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;
import io.keel.core.decision.Blend;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.ensemble.Blender;
import io.keel.ensemble.Blenders;
import io.keel.execution.OrderDesk;
import io.keel.execution.ParentOrders;
import io.keel.execution.Portfolio;
import io.keel.ingest.feature.FeatureEngine;
import io.keel.risk.PreTradeRisk;
import io.keel.risk.RiskLimits;
import io.keel.risk.RiskListener;
import io.keel.sizing.BookSizer;

import java.util.Arrays;
import java.util.List;

/**
 * The fused decision consumer's work for one inbound event, as a thin sequence of stages, each owning its state:
 * features → models → blend → book sizing → pre-trade risk → order desk, with the close-out beside them. Execution
 * reports go to the order desk (order state machine and portfolio); operator commands drive the kill switch, cancels
 * and close-outs. A pure function of the inbound sequence and the configuration: no clock, no randomness, no I/O
 * (output goes to {@link DecisionOutput}; metrics to a {@link DecisionMetrics} sink, {@link DecisionMetrics#NONE} by
 * default).
 *
 * <p>Single-threaded (the decision thread); allocation-free per event.
 */
public final class DecisionChain
{
    private final InstrumentSpec[] specs;
    private final FeatureEngine features;
    private final ModelStage models;
    private final Blend blend;
    private final Blender blender;
    private final BookSizer sizer;
    private final PreTradeRisk risk;
    private final OrderDesk desk;
    private final ParentOrders parents;
    private final CloseOut closeOut;
    private final boolean limitOrders;
    private final DecisionJournal journal;
    private DecisionMetrics metrics = DecisionMetrics.NONE;
    private RiskListener riskListener = RiskListener.NONE;
    private long inboundEvents;
    private long modelChanges;
    private long refusedConfigChanges;

    /** Builds the chain of a configuration, writing to {@code output}. */
    public DecisionChain(final LoadedConfig loaded, final DecisionOutput output)
    {
        final KeelConfig config = loaded.config();
        final List<InstrumentSpec> instruments = loaded.instruments();
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        // 1. the models of the zoo, routed per instrument, and the feature bus computing what they read
        this.models = ModelStage.fromConfig(config, instruments);
        this.features = FeatureBus.of(loaded, models.models());
        // 2. the blender the ensemble configuration chooses
        this.blend = new Blend(models.count());
        this.blender = Blenders.fromConfig(config.ensemble(), specs.length, models.count());
        // 3. the book sizer: volatility target, other positions, HRP shares, historical-VaR cut
        final Features[] byInstrument = new Features[specs.length];
        for (int id = 0; id < specs.length; id++)
        {
            byInstrument[id] = features.features(id);
        }
        this.sizer = new BookSizer(config.sizing(), instruments, byInstrument);
        // 4. pre-trade risk with veto power, breakers and the kill switch
        this.risk = new PreTradeRisk(instruments, RiskLimits.of(loaded));
        // 5. the order desk: intents (journaled, then to the gateway), timeouts, reports into orders and portfolio
        this.desk = new OrderDesk(instruments, loaded.money().initialCash(), config.execution().orderTimeoutMs(),
            output::onIntent);
        this.limitOrders = config.execution().orderType() == KeelConfig.OrderStyle.LIMIT;
        // 6. parent orders: the execution algorithm working each decision in child orders, each child risk-checked
        this.parents = new ParentOrders(desk, instruments, config.execution().algoKind(),
            config.execution().algoHorizonMs(), this::admitChild);
        // 7. the close-out: flatten on operator request, on a kill (if configured), before an intraday close
        this.closeOut = new CloseOut(instruments, config.risk().flattenOnKill(),
            config.execution().flatBeforeCloseMs() * 1_000_000L, config.sessions().extendedHours());
        // 8. the decision records: why each order went or was vetoed, before its intent
        this.journal = new DecisionJournal(specs.length, output, models, blend, sizer);
    }

    /** Processes one inbound event (already sequenced and journaled). */
    public void onInbound(final Event event)
    {
        inboundEvents++;
        metrics.onEvent(event.instrumentId, event.type.isMarketData());
        switch (event.type)
        {
            case EXECUTION_REPORT -> onReport(event);
            case OPERATOR_COMMAND ->
            {
                closeOut.onCommand(event, risk, desk);
                parents.onCommand(event);
            }
            case CONFIG_CHANGE -> onConfigChange(event);
            case QUALITY_FLAG -> risk.onQualityFlag(event.instrumentId, event.qualityCode, event.level == 1);
            case CORPORATE_ACTION ->
            {
                desk.portfolio().applySplit(event.instrumentId, event.value, event.quantity);
                features.onSplit(event.instrumentId, event.value, event.quantity);
            }
            case TIMER ->
            {
                risk.onTime(event.timestampNs, desk.portfolio().equityMoney());
                features.onTime(event.timestampNs);
                metrics.publishBook(desk.portfolio(), risk);
                for (int id = 0; id < specs.length; id++)
                {
                    metrics.sessionOpen(id, closeOut.sessionOpen(id, event.timestampNs));
                }
            }
            case BOOK_LEVEL, QUOTE, BAR ->
            {
                if (event.type == EventType.BAR)
                {
                    parents.onVolume(event.instrumentId, event.timestampNs, event.quantity);
                }
                final long t = metrics.startFeatures();
                final boolean changed = features.onEvent(event);
                metrics.lap(0, t);
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
                    parents.onVolume(event.instrumentId, event.timestampNs, event.quantity);
                    risk.onTrade(event.instrumentId, event.timestampNs, event.price,
                        desk.portfolio().markPrice(event.instrumentId));
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
        final boolean applied = switch (event.configKey)
        {
            case MODEL_ENABLED -> models.enable(event.level, event.value);
            case MODEL_EDGE_SCALE -> models.scaleEdges(event.level, event.value);
            default -> risk.apply(event.configKey, event.value);
        };
        if (!applied)
        {
            refusedConfigChanges++;
        }
        else if (event.configKey == io.keel.core.event.ConfigKey.MODEL_ENABLED ||
            event.configKey == io.keel.core.event.ConfigKey.MODEL_EDGE_SCALE)
        {
            modelChanges++;
        }
    }

    private void onMarketChange(final Event event)
    {
        final int id = event.instrumentId;
        final long bid = features.bestBid(id);
        final long ask = features.bestAsk(id);
        final Portfolio portfolio = desk.portfolio();
        portfolio.mark(id, FixedPoint.divide(bid + ask, 2, FixedPoint.Rounding.HALF_EVEN));
        blender.onMarket(id, event.timestampNs, features.features(id).mid);
        sizer.onMid(id, event.timestampNs, features.features(id).mid);
        risk.onTime(event.timestampNs, portfolio.equityMoney());
        risk.onMid(id, event.timestampNs, features.features(id).mid);
        decide(event, id, bid, ask);
        if (closeOut.onKillSwitch(event, risk, desk))
        {
            parents.stopAll(event, true);
        }
    }

    private void decide(final Event trigger, final int id, final long bid, final long ask)
    {
        final Features f = features.features(id);
        final boolean closing = closeOut.closing(id, trigger);
        if (parents.live(id))
        {
            workParent(trigger, id, bid, ask, closing);
            return;
        }
        if (desk.hasWorkingOrder(id))
        {
            desk.cancelIfTimedOut(trigger, id, closing);
            return;
        }
        if (!f.warm || !closeOut.inSession(id, trigger))
        {
            return;
        }
        if (closeOut.pending(id) || closing)
        {
            flatten(trigger, id, bid, ask);
            return;
        }
        if (risk.killSwitchEngaged())
        {
            return; // a kill halts the strategy: only an operator's flatten or close sends orders until the reset
        }
        final Portfolio portfolio = desk.portfolio();
        long t = metrics.startDecision();
        models.evaluate(id, f);
        t = metrics.lap(1, t);
        blender.blend(id, trigger.timestampNs, f.mid, models.signals(), models.count(), blend);
        t = metrics.lap(2, t);
        metrics.onSignals(id, models.signals(), blend, blender);
        final InstrumentSpec spec = specs[id];
        final long equity = portfolio.equityMoney();
        final long position = portfolio.positionQuantity(id);
        final long signedQuantity = sizer.size(id, blend, portfolio, risk.sizeScale());
        t = metrics.lap(3, t);
        if (signedQuantity == 0)
        {
            return;
        }
        final Side side = Side.ofSign(signedQuantity);
        // a limit joins our touch, on the tick (bars: the close may be off it); a market order crosses, and so is a
        // parent checked: its algorithm may cross for all of it
        final boolean limit = limitOrders && !parents.enabled();
        final long price = limit ? onTick(side == Side.BUY ? bid : ask, side, spec) : side == Side.BUY ? ask : bid;
        // larger than one order may be (closing a big position): this order takes what the limits allow
        final long quantity = Math.min(Math.abs(signedQuantity), risk.maxOrderQuantity(spec, price));
        if (quantity == 0)
        {
            return;
        }
        final RejectReason verdict = parents.enabled() ?
            risk.checkParent(spec, side, quantity, price, portfolio.markPrice(id), trigger.timestampNs, portfolio,
                desk.orders()) :
            risk.check(spec, side, quantity, limit, price, portfolio.markPrice(id), trigger.timestampNs, portfolio,
                desk.orders());
        metrics.lap(4, t);
        if (journal.repeatedVeto(id, verdict))
        {
            return; // the same veto again: counted by risk, journaled once per change
        }
        journal.fill(trigger, id, f, equity, position, sizer.lastTarget(), side, quantity, price, verdict,
            parents.kind());
        metrics.onDecision(verdict);
        if (verdict != RejectReason.NONE)
        {
            journal.emit(0);
        }
        else if (parents.enabled())
        {
            final long parentId = OrderDesk.clientOrderId(trigger.sequence, 0);
            journal.emit(parentId);
            parents.start(trigger, id, side, quantity, parentId, bid, ask);
        }
        else
        {
            send(trigger, id, side, limit ? OrderType.LIMIT : OrderType.MARKET, limit ? price : 0, quantity);
        }
    }

    /** A parent in flight: its algorithm acts, unless a close-out, a kill or the session's end stops it. */
    private void workParent(final Event trigger, final int id, final long bid, final long ask, final boolean closing)
    {
        if (closing || closeOut.pending(id) || risk.killSwitchEngaged() || !closeOut.inSession(id, trigger))
        {
            parents.stop(trigger, id);
        }
        else
        {
            parents.onMarket(trigger, id, bid, ask);
        }
    }

    /**
     * Pre-trade risk on a parent's child before it is sent; a veto is journaled (a decision record naming the
     * algorithm, no order) once per change of verdict, and ends the parent.
     */
    private boolean admitChild(final Event trigger, final int id, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        final Portfolio portfolio = desk.portfolio();
        final long reference = price != 0 ? price : side == Side.BUY ? features.bestAsk(id) : features.bestBid(id);
        final RejectReason verdict = risk.check(specs[id], side, quantity, type == OrderType.LIMIT, reference,
            portfolio.markPrice(id), trigger.timestampNs, portfolio, desk.orders());
        if (verdict == RejectReason.NONE)
        {
            metrics.onSubmit(id, side, features.features(id).mid);
            return true;
        }
        if (!journal.repeatedVeto(id, verdict))
        {
            journal.fill(trigger, id, features.features(id), portfolio.equityMoney(), portfolio.positionQuantity(id),
                sizer.lastTarget(), side, quantity, reference, verdict, parents.kind()).sizedQuantity = quantity;
            metrics.onDecision(verdict);
            journal.emit(0);
        }
        return false;
    }

    /**
     * Closes an instrument's position with a market order once its working orders are done (flatten-all, close,
     * the session's close-out). The order is risk-reducing, so the kill switch and halts let it through; the other
     * checks still apply. It goes at once, whatever the execution algorithm.
     */
    private void flatten(final Event trigger, final int id, final long bid, final long ask)
    {
        final Portfolio portfolio = desk.portfolio();
        final long position = portfolio.positionQuantity(id);
        if (position == 0)
        {
            closeOut.done(id);
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
            trigger.timestampNs, portfolio, desk.orders());
        if (journal.repeatedVeto(id, verdict))
        {
            return;
        }
        models.clearSignals();
        Arrays.fill(blend.weights, 0, models.count(), 0);
        blend.edgeBps = 0;
        blend.confidence = 0;
        blend.horizonNs = 0;
        sizer.clearBook();
        final DecisionRecord record = journal.fill(trigger, id, features.features(id), portfolio.equityMoney(),
            position, 0, side, quantity, price, verdict, AlgoKind.DIRECT);
        record.sizedQuantity = -position;
        record.closeOut = true;
        if (verdict != RejectReason.NONE)
        {
            journal.emit(0);
            return;
        }
        closeOut.onFlattenOrder();
        send(trigger, id, side, OrderType.MARKET, 0, quantity);
    }

    /** Emits an accepted order: its decision record (already filled), then the intent through the desk. */
    private void send(
        final Event trigger, final int id, final Side side, final OrderType type, final long price, final long quantity)
    {
        journal.emit(OrderDesk.clientOrderId(trigger.sequence, 0));
        desk.send(trigger, id, side, type, price, quantity);
        metrics.onSubmit(id, side, features.features(id).mid);
    }

    private void onReport(final Event report)
    {
        final OrderDesk.ReportEffect effect = desk.onReport(report);
        parents.onReport(report, desk.lastReportState());
        switch (effect)
        {
            case FILL ->
            {
                metrics.onFill(report.instrumentId, report.side, report.price);
                metrics.publishBook(desk.portfolio(), risk);
            }
            case REJECT -> metrics.onVenueReject(report.rejectReason);
            default ->
            {
                // booked without a fill, or not ours
            }
        }
    }

    /** @return a limit price on the tick, rounded away from crossing: buys down, sells up. */
    private static long onTick(final long price, final Side side, final InstrumentSpec spec)
    {
        final long tick = spec.tickSizeUnits();
        final long below = Math.floorDiv(price, tick) * tick;
        return side == Side.BUY || below == price ? below : below + tick;
    }

    /** Sets who hears of every halt and reset (the daemon's audit log and kill-switch latch). */
    public void riskListener(final RiskListener listener)
    {
        this.riskListener = listener;
        risk.listener(this::onHalt);
    }

    private void onHalt(final long eventTimeNs, final int instrumentId, final RiskListener.Halt halt,
        final boolean engaged, final String reason)
    {
        metrics.onHalt(eventTimeNs, instrumentId, halt, engaged, reason);
        riskListener.onHalt(eventTimeNs, instrumentId, halt, engaged, reason);
    }

    /** Publishes to monitoring from now on (the decision thread writes, the monitoring side reads). */
    public void metrics(final DecisionMetrics sink)
    {
        this.metrics = sink;
        risk.listener(this::onHalt);
        sink.killSwitch(risk.killSwitchEngaged());
        sink.limits(risk.limits(), sizer.varBudgetUsd());
        sink.publishBook(desk.portfolio(), risk);
    }

    /** @return the zoo's model names, by index (labels of the model metrics). */
    public List<String> modelNames()
    {
        return models.names();
    }

    /** @return whether model {@code index} of the zoo is on (a live change may turn it off). */
    public boolean modelOn(final int index)
    {
        return models.on(index);
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

    /** @return the order desk (orders, portfolio, timeouts), read on the decision thread or after it stopped. */
    public OrderDesk desk()
    {
        return desk;
    }

    /** @return the parent orders of the execution algorithm (counts), read on the decision thread or after. */
    public ParentOrders parents()
    {
        return parents;
    }

    /** @return the book sizer (historical-VaR cuts, HRP shares), read on the decision thread or after it stopped. */
    public BookSizer sizer()
    {
        return sizer;
    }

    /** @return the portfolio (read on the decision thread, or after it stopped). */
    public Portfolio portfolio()
    {
        return desk.portfolio();
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
        return journal.emitted();
    }
}
