package io.keel.engine;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;
import io.keel.core.event.RejectReason;
import io.keel.core.metrics.MetricBoard;
import io.keel.ensemble.Blender;
import io.keel.execution.Portfolio;
import io.keel.risk.PreTradeRisk;
import io.keel.risk.RiskListener;

import java.util.List;

/**
 * What the decision chain tells monitoring, as slots of a {@link MetricBoard}: declared from the configuration (mode,
 * symbols, model names, sides, reasons — bounded), written only by the decision thread with plain arithmetic and
 * ordered stores. The book (equity, P&amp;L, positions, exposure, VaR, drawdown) is re-published on every timer event
 * and fill; counters move as things happen; stage latencies are sampled, one decision in {@link #SAMPLE_EVERY}.
 */
public final class ChainMetrics implements DecisionMetrics
{
    /** One decision in this many has its stage latencies measured (two clock reads per stage cost ~40 ns). */
    public static final int SAMPLE_EVERY = 64;
    /** Decision stages timed. */
    public static final String[] STAGES = {"features", "alpha", "ensemble", "sizing", "risk"};
    private static final double MONEY = Math.pow(10, FixedPoint.MONEY_SCALE);
    private static final long[] LATENCY_BOUNDS_NS = {250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
        100_000, 250_000, 1_000_000, 10_000_000};
    private static final long[] SLIPPAGE_BOUNDS_CENTI_BPS = {-5_000, -2_000, -1_000, -500, -200, -100, 0, 100, 200,
        500, 1_000, 2_000, 5_000};

    private final MetricBoard board;
    private final java.util.function.LongSupplier nanoClock;
    private final InstrumentSpec[] specs;
    private final int models;
    private final int equity;
    private final int cash;
    private final int realized;
    private final int unrealized;
    private final int fees;
    private final int gross;
    private final int net;
    private final int varHistorical;
    private final int varParametric;
    private final int cvarHistorical;
    private final int drawdown;
    private final int killSwitch;
    private final int events;
    private final int decisionsTotal;
    private final int[] position;
    private final int[] exposure;
    private final int[] symbolPnl;
    private final int[] marketEvents;
    private final int[][] edge;
    private final int[][] confidence;
    private final int[][] weight;
    private final int[][] hitRate;
    private final int[] blendEdge;
    private final int[][] submitted;
    private final int[][] filled;
    private final int[][] rejected;
    private final int[][] breaker;
    private final int[] trips;
    private final int[] slippage;
    private final int[] stageLatency;
    private final int journalAppend;
    private final int sizeScale;
    private final int dayPnl;
    private final int dayDrawdown;
    private final int[] sessionOpen;
    private final int[] modelSwitches;
    private final int[] leader;
    private final double[] arrivalMid;
    private final int[] limitSlots;
    /** The limits published as {@code keel_limit_usd{limit=...}}. */
    private static final String[] LIMITS = {"max_order_notional", "max_position_notional", "max_gross_exposure",
        "max_net_exposure", "max_credit", "daily_loss_stop", "drawdown_stop", "var_budget"};
    private double peakEquity;
    private long samples;
    private long featureSamples;
    private long journalSamples;

    /**
     * @param board      the board to declare on (frozen here).
     * @param mode       the mode's name (a label on everything).
     * @param modelNames the zoo, by index.
     */
    public ChainMetrics(final MetricBoard board, final String mode, final List<InstrumentSpec> instruments,
        final List<String> modelNames)
    {
        this(board, mode, instruments, modelNames, System::nanoTime);
    }

    /**
     * @param nanoClock the clock sampled stage latencies are read from (the chain itself reads none).
     */
    public ChainMetrics(final MetricBoard board, final String mode, final List<InstrumentSpec> instruments,
        final List<String> modelNames, final java.util.function.LongSupplier nanoClock)
    {
        this.nanoClock = nanoClock;
        this.board = board;
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.models = modelNames.size();
        final int n = specs.length;
        equity = board.gauge("keel_equity_usd", "Equity marked to market", MONEY, "mode", mode);
        cash = board.gauge("keel_cash_usd", "Cash", MONEY, "mode", mode);
        realized = board.gauge("keel_pnl_realized_usd", "Realised P&L since the run opened", MONEY, "mode", mode);
        unrealized = board.gauge("keel_pnl_unrealized_usd", "Unrealised P&L at the marks", MONEY, "mode", mode);
        fees = board.gauge("keel_fees_usd", "Fees paid since the run opened", MONEY, "mode", mode);
        gross = board.gauge("keel_exposure_gross_usd", "Gross exposure at the marks", MONEY, "mode", mode);
        net = board.gauge("keel_exposure_net_usd", "Net exposure at the marks", MONEY, "mode", mode);
        varHistorical = board.doubleGauge("keel_var_usd", "One-day value at risk of the book", "mode", mode,
            "method", "historical");
        varParametric = board.doubleGauge("keel_var_usd", "One-day value at risk of the book", "mode", mode,
            "method", "parametric");
        cvarHistorical = board.doubleGauge("keel_cvar_usd", "One-day expected shortfall of the book", "mode", mode,
            "method", "historical");
        drawdown = board.doubleGauge("keel_drawdown_ratio", "Equity below its peak since the run opened, as a " +
            "fraction of the peak", "mode", mode);
        killSwitch = board.gauge("keel_kill_switch_engaged", "1 while the kill switch is engaged", 1, "mode", mode);
        sizeScale = board.doubleGauge("keel_size_scale_ratio", "Order size multiplier of the gain lock-in (1 = off)",
            "mode", mode);
        dayPnl = board.gauge("keel_pnl_day_usd", "P&L since the UTC day opened (what the daily loss stop measures)",
            MONEY, "mode", mode);
        dayDrawdown = board.gauge("keel_drawdown_intraday_usd", "Equity below the day's peak (what the drawdown " +
            "stop measures)", MONEY, "mode", mode);
        events = board.counter("keel_events_total", "Inbound events decided on", "mode", mode);
        decisionsTotal = board.counter("keel_decisions_total", "Orders the chain decided (sent or vetoed)", "mode",
            mode);
        position = new int[n];
        sessionOpen = new int[n];
        modelSwitches = new int[n];
        leader = new int[n];
        java.util.Arrays.fill(leader, -1);
        exposure = new int[n];
        symbolPnl = new int[n];
        marketEvents = new int[n];
        submitted = new int[n][2];
        filled = new int[n][2];
        slippage = new int[n];
        blendEdge = new int[n];
        edge = new int[models][n];
        confidence = new int[models][n];
        weight = new int[models][n];
        hitRate = new int[models][n];
        for (int id = 0; id < n; id++)
        {
            declareInstrument(mode, id, modelNames);
        }
        rejected = new int[2][RejectReason.values().length];
        declareRejects(mode);
        breaker = new int[RiskListener.Halt.values().length][n + 1];
        trips = new int[RiskListener.Halt.values().length];
        declareBreakers(mode);
        stageLatency = new int[STAGES.length];
        for (int s = 0; s < STAGES.length; s++)
        {
            stageLatency[s] = board.histogram("keel_decision_latency_seconds", "Time a decision spends in a " +
                "stage (sampled)", LATENCY_BOUNDS_NS, 1e9, "mode", mode, "stage", STAGES[s]);
        }
        journalAppend = board.histogram("keel_journal_append_seconds", "Time to append one event to the journal " +
            "(sampled)", LATENCY_BOUNDS_NS, 1e9, "mode", mode);
        limitSlots = new int[LIMITS.length];
        for (int i = 0; i < LIMITS.length; i++)
        {
            limitSlots[i] = board.gauge("keel_limit_usd", "A configured risk limit", MONEY, "mode", mode, "limit",
                LIMITS[i]);
        }
        board.freeze();
        this.arrivalMid = new double[n];
        board.setDouble(sizeScale, 1.0);
    }

    private void declareInstrument(final String mode, final int id, final List<String> modelNames)
    {
        final String symbol = specs[id].symbol();
        position[id] = board.gauge("keel_position", "Position in the instrument's units (shares, coins)",
            Math.pow(10, specs[id].quantityScale()), "mode", mode, "symbol", symbol);
        exposure[id] = board.gauge("keel_exposure_usd", "Signed exposure at the mark", MONEY, "mode", mode,
            "symbol", symbol);
        symbolPnl[id] = board.gauge("keel_symbol_pnl_usd", "Realised + unrealised - fees of the instrument",
            MONEY, "mode", mode, "symbol", symbol);
        marketEvents[id] = board.counter("keel_market_events_total", "Market events received", "mode", mode,
            "symbol", symbol);
        sessionOpen[id] = board.gauge("keel_session_open", "1 while the instrument's trading session is open",
            1, "mode", mode, "symbol", symbol);
        modelSwitches[id] = board.counter("keel_model_switches_total", "Times the model with the largest blend " +
            "weight changed", "mode", mode, "symbol", symbol);
        for (final Side side : new Side[] {Side.BUY, Side.SELL})
        {
            final String s = side.name().toLowerCase(java.util.Locale.ROOT);
            submitted[id][side == Side.BUY ? 0 : 1] = board.counter("keel_orders_submitted_total", "Orders " +
                "sent to the venue", "mode", mode, "symbol", symbol, "side", s);
            filled[id][side == Side.BUY ? 0 : 1] = board.counter("keel_fills_total", "Fills booked", "mode",
                mode, "symbol", symbol, "side", s);
        }
        slippage[id] = board.histogram("keel_slippage_bps", "Fill price against the mid when the order was " +
            "decided, in basis points, positive = paid", SLIPPAGE_BOUNDS_CENTI_BPS, 100, "mode", mode, "symbol",
            symbol);
        blendEdge[id] = board.doubleGauge("keel_blend_edge_bps", "The ensemble's edge at the last decision",
            "mode", mode, "symbol", symbol);
        for (int m = 0; m < models; m++)
        {
            final String model = modelNames.get(m);
            edge[m][id] = board.doubleGauge("keel_model_edge_bps", "A model's latest edge", "mode", mode,
                "model", model, "symbol", symbol);
            confidence[m][id] = board.doubleGauge("keel_model_confidence", "A model's latest confidence",
                "mode", mode, "model", model, "symbol", symbol);
            weight[m][id] = board.doubleGauge("keel_model_weight", "A model's weight in the latest blend",
                "mode", mode, "model", model, "symbol", symbol);
            hitRate[m][id] = board.doubleGauge("keel_model_hit_rate", "A model's decayed hit rate (hit-rate " +
                "blender; NaN otherwise)", "mode", mode, "model", model, "symbol", symbol);
        }
    }

    private void declareRejects(final String mode)
    {
        final RejectReason[] reasons = RejectReason.values();
        for (final RejectReason reason : reasons)
        {
            if (reason == RejectReason.NONE)
            {
                continue;
            }
            final String r = reason.name().toLowerCase(java.util.Locale.ROOT);
            rejected[0][reason.ordinal()] = board.counter("keel_orders_rejected_total", "Orders refused, by who " +
                "and why", "mode", mode, "source", "risk", "reason", r);
            rejected[1][reason.ordinal()] = board.counter("keel_orders_rejected_total", "Orders refused, by who " +
                "and why", "mode", mode, "source", "venue", "reason", r);
        }
    }

    private void declareBreakers(final String mode)
    {
        final int n = specs.length;
        final RiskListener.Halt[] halts = RiskListener.Halt.values();
        for (final RiskListener.Halt halt : halts)
        {
            final String h = halt.name().toLowerCase(java.util.Locale.ROOT);
            trips[halt.ordinal()] = board.counter("keel_breaker_trips_total", "Times a breaker or halt engaged",
                "mode", mode, "breaker", h);
            breaker[halt.ordinal()][n] = board.gauge("keel_breaker_engaged", "1 while a breaker or halt is engaged",
                1, "mode", mode, "breaker", h, "symbol", "all");
            for (int id = 0; id < n; id++)
            {
                breaker[halt.ordinal()][id] = board.gauge("keel_breaker_engaged", "1 while a breaker or halt is " +
                    "engaged", 1, "mode", mode, "breaker", h, "symbol", specs[id].symbol());
            }
        }
    }

    /** Publishes the configured limits (once; live limit changes are not reflected). */
    @Override
    public void limits(final io.keel.risk.RiskLimits limits, final double varBudgetUsd)
    {
        final long[] values = {limits.maxOrderNotional(), limits.maxPositionNotional(), limits.maxGrossExposure(),
            limits.maxNetExposure(), limits.maxCredit(), limits.dailyLossStop(), limits.drawdownStop(),
            Math.round(varBudgetUsd * MONEY)};
        for (int i = 0; i < LIMITS.length; i++)
        {
            board.set(limitSlots[i], values[i]);
        }
    }

    /** Whether an instrument's session is open now. */
    @Override
    public void sessionOpen(final int id, final boolean open)
    {
        board.set(sessionOpen[id], open ? 1 : 0);
    }

    /** @return the board. */
    public MetricBoard board()
    {
        return board;
    }

    /** An inbound event; market events count per instrument (monitoring derives the feed's age from them). */
    @Override
    public void onEvent(final int instrumentId, final boolean market)
    {
        board.increment(events);
        if (market && instrumentId >= 0 && instrumentId < marketEvents.length)
        {
            board.increment(marketEvents[instrumentId]);
        }
    }

    /** Re-publishes the book. */
    @Override
    public void publishBook(final Portfolio portfolio, final PreTradeRisk risk)
    {
        final long equityMoney = portfolio.equityMoney();
        board.set(equity, equityMoney);
        board.set(cash, portfolio.cash());
        board.set(realized, portfolio.realizedTotal());
        board.set(unrealized, portfolio.unrealizedTotal());
        board.set(fees, portfolio.feesTotal());
        long grossMoney = 0;
        long netMoney = 0;
        for (int id = 0; id < specs.length; id++)
        {
            final long value = portfolio.markedValue(id);
            grossMoney += Math.abs(value);
            netMoney += value;
            board.set(position[id], portfolio.positionQuantity(id));
            board.set(exposure[id], value);
            board.set(symbolPnl[id], portfolio.realized(id) + portfolio.unrealized(id) - portfolio.fees(id));
        }
        board.set(gross, grossMoney);
        board.set(net, netMoney);
        board.setDouble(varHistorical, risk.var().historicalVar());
        board.setDouble(varParametric, risk.var().parametricVar());
        board.setDouble(cvarHistorical, risk.var().historicalCvar());
        final double equityUsd = equityMoney / MONEY;
        peakEquity = Math.max(peakEquity, equityUsd);
        board.setDouble(drawdown, peakEquity <= 0 ? 0 : (peakEquity - equityUsd) / peakEquity);
        board.setDouble(sizeScale, risk.sizeScale());
        board.set(dayPnl, risk.dayPnl(equityMoney));
        board.set(dayDrawdown, risk.intradayDrawdown(equityMoney));
    }

    /** The zoo and the blend of one decision. */
    @Override
    public void onSignals(final int id, final Signal[] signals, final Blend blend, final Blender blender)
    {
        for (int m = 0; m < models; m++)
        {
            board.setDouble(edge[m][id], signals[m].edgeBps);
            board.setDouble(confidence[m][id], signals[m].confidence);
            board.setDouble(weight[m][id], blend.weights[m]);
            board.setDouble(hitRate[m][id], blender.hitRate(id, m));
        }
        board.setDouble(blendEdge[id], blend.edgeBps);
        int top = -1;
        for (int m = 0; m < models; m++)
        {
            if (blend.weights[m] > 0 && (top < 0 || blend.weights[m] > blend.weights[top]))
            {
                top = m;
            }
        }
        if (top >= 0 && top != leader[id])
        {
            if (leader[id] >= 0)
            {
                board.increment(modelSwitches[id]);
            }
            leader[id] = top;
        }
    }

    /** A decision: vetoed by risk (a reason) or sent. */
    @Override
    public void onDecision(final RejectReason verdict)
    {
        board.increment(decisionsTotal);
        if (verdict != RejectReason.NONE)
        {
            board.increment(rejected[0][verdict.ordinal()]);
        }
    }

    /** An order sent, with the mid it was decided at. */
    @Override
    public void onSubmit(final int id, final Side side, final double mid)
    {
        board.increment(submitted[id][side == Side.BUY ? 0 : 1]);
        arrivalMid[id] = mid;
    }

    /** A fill. */
    @Override
    public void onFill(final int id, final Side side, final long price)
    {
        board.increment(filled[id][side == Side.BUY ? 0 : 1]);
        final double arrival = arrivalMid[id];
        if (arrival > 0)
        {
            final double px = FixedPoint.toDouble(price, specs[id].priceScale());
            final double paidBps = (px - arrival) / arrival * 1e4 * side.sign();
            board.record(slippage[id], SLIPPAGE_BOUNDS_CENTI_BPS, Math.round(paidBps * 100));
        }
    }

    /** The venue refused an order. */
    @Override
    public void onVenueReject(final RejectReason reason)
    {
        if (reason != RejectReason.NONE)
        {
            board.increment(rejected[1][reason.ordinal()]);
        }
    }

    @Override
    public long startDecision()
    {
        return (++samples & (SAMPLE_EVERY - 1)) == 0 ? nanoClock.getAsLong() : NOT_TIMED;
    }

    @Override
    public long startFeatures()
    {
        return (++featureSamples & (SAMPLE_EVERY - 1)) == 0 ? nanoClock.getAsLong() : NOT_TIMED;
    }

    @Override
    public long lap(final int stage, final long sinceNs)
    {
        if (sinceNs == NOT_TIMED)
        {
            return NOT_TIMED;
        }
        final long now = nanoClock.getAsLong();
        board.record(stageLatency[stage], LATENCY_BOUNDS_NS, now - sinceNs);
        return now;
    }

    @Override
    public long startJournalAppend()
    {
        return (++journalSamples & (SAMPLE_EVERY - 1)) == 0 ? nanoClock.getAsLong() : NOT_TIMED;
    }

    @Override
    public void journalAppended(final long sinceNs)
    {
        if (sinceNs != NOT_TIMED)
        {
            board.record(journalAppend, LATENCY_BOUNDS_NS, nanoClock.getAsLong() - sinceNs);
        }
    }

    /** The kill switch as the chain sees it. */
    @Override
    public void killSwitch(final boolean engaged)
    {
        board.set(killSwitch, engaged ? 1 : 0);
    }

    @Override
    public void onHalt(final long eventTimeNs, final int instrumentId, final Halt halt, final boolean engaged,
        final String reason)
    {
        final int scope = instrumentId < 0 || instrumentId >= specs.length ? specs.length : instrumentId;
        board.set(breaker[halt.ordinal()][scope], engaged ? 1 : 0);
        if (engaged)
        {
            board.increment(trips[halt.ordinal()]);
        }
        if (halt == Halt.KILL_SWITCH)
        {
            killSwitch(engaged);
        }
    }
}
