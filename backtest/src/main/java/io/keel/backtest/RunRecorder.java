package io.keel.backtest;

import io.keel.engine.BacktestListener;
import io.keel.engine.DecisionChain;
import io.keel.engine.ModelAttribution;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.execution.Portfolio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one replayed segment of a backtest (the whole run, or one day replayed on its own): equity at each UTC
 * day's end, a curve of equity, exposure and prices sampled in event time, every order with its outcome, every fill,
 * the round-trip trades rebuilt from the fills (exact money) with the reason each ended, and every decision as a
 * JSON line. Off the hot path: allocates per order and per sample, not per event.
 */
public final class RunRecorder implements BacktestListener
{

    /** Why a trade ended. */
    public enum ExitReason
    {
        SIGNAL_FLAT("signal flat"), REVERSAL("reversal"), REDUCE("reduced to zero"),
        FLATTEN("flatten (close-out, risk or operator)"), DAY_END("day end (marked)"),
        OPEN_AT_END("open at end (marked)");

        final String label;

        ExitReason(final String label)
        {
            this.label = label;
        }
    }

    /** An order and what became of it; money in {@link FixedPoint#MONEY_SCALE} units. */
    public static final class Order
    {
        long id;
        long timeNs;
        int instrument;
        Side side;
        String type;
        long price;
        long quantity;
        String status = "SENT";
        long filled;
        long filledNotional;
        long fees;
        boolean cancelRequested;
        boolean flatten;
        double edgeBps;
        ExitReason exitReason;
        double[] shares;
        /** The parent order an execution algorithm sent this child for; 0 for a direct order. */
        long parentId;
        /** The decision's algorithm ({@code direct} for one order per decision). */
        String algo = "direct";
    }

    /** One fill. */
    public record Fill(long timeNs, int instrument, Side side, long price, long quantity, long fee, long orderId)
    {
    }

    /** A round trip from flat to flat (a reversal closes one and opens the next). */
    public record Trade(int instrument, int direction, long entryNs, long exitNs, long entryNotional,
        long entryQuantity,
        long exitNotional, long exitQuantity, long grossPnl, long fees, ExitReason reason, double[] shares)
    {
        public long netPnl()
        {
            return grossPnl - fees;
        }
    }

    private final InstrumentSpec[] specs;
    private final List<String> models;
    private final Writer decisions;
    private final ModelAttribution attribution;
    private final BacktestListener attributionListener;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<Long, Order> working = new HashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final RoundTrips roundTrips;
    private final double[] firstMid;
    private final StringBuilder line = new StringBuilder(512);
    private final long initialMoney;
    private final DayClock clock;

    // daily equity (money) at each UTC day's last event
    private final DailyEquity daily = new DailyEquity();
    private long currentDay = Long.MIN_VALUE;

    final EquityCurve curve;

    private long firstNs = Long.MIN_VALUE;
    private long lastNs;
    private long inMarketNs;
    private boolean inMarket;
    private long finalEquity;
    private long events;
    private long decisionCount;
    private long vetoes;
    private long tradedNotional;
    private long feesTotal;

    /**
     * @param specs        the instruments.
     * @param models       the chain's model names.
     * @param initialMoney the starting equity.
     * @param decisions    where decisions go as JSON lines, or null.
     * @param attribution  the per-model markout, or null.
     * @param clock        the book's days.
     */
    RunRecorder(final List<InstrumentSpec> specs, final List<String> models, final long initialMoney,
        final Writer decisions, final ModelAttribution attribution, final DayClock clock)
    {
        this.clock = clock;
        this.specs = specs.toArray(new InstrumentSpec[0]);
        this.models = List.copyOf(models);
        this.initialMoney = initialMoney;
        this.finalEquity = initialMoney;
        this.decisions = decisions;
        this.attribution = attribution;
        this.attributionListener = attribution == null ? null : attribution.listener();
        this.roundTrips = new RoundTrips(this.specs);
        this.firstMid = new double[this.specs.length];
        this.curve = new EquityCurve(this.specs.length);
    }

    @Override
    public void onDecision(final DecisionRecord record)
    {
        decisionCount++;
        if (attributionListener != null)
        {
            attributionListener.onDecision(record);
        }
        if (record.clientOrderId == 0)
        {
            vetoes++;
        }
        else
        {
            final Order order = new Order();
            order.id = record.clientOrderId;
            order.flatten = record.closeOut; // journals before schema 7: read by the record's signature
            order.exitReason = order.flatten ? ExitReason.FLATTEN : record.targetQuantity == 0 ?
                ExitReason.SIGNAL_FLAT : Long.signum(record.targetQuantity) == -Long.signum(record.positionQuantity) ?
                ExitReason.REVERSAL : ExitReason.REDUCE;
            order.edgeBps = record.blendEdgeBps;
            order.shares = ModelAttribution.shares(record);
            order.algo = record.algo.label();
            orders.put(order.id, order);
        }
        if (decisions != null)
        {
            writeDecision(record);
        }
    }

    @Override
    public void onIntent(final Event intent)
    {
        Order order = orders.get(intent.clientOrderId);
        if (order == null && intent.parentOrderId != 0 && intent.command == OperatorCommand.NONE)
        {
            order = child(intent);
        }
        if (order == null)
        {
            return;
        }
        if (intent.command != OperatorCommand.NONE)
        {
            order.cancelRequested = true;
            return;
        }
        order.timeNs = intent.timestampNs;
        order.instrument = intent.instrumentId;
        order.side = intent.side;
        order.type = intent.orderType.name();
        order.price = intent.price;
        order.quantity = intent.quantity;
        working.put(order.id, order);
    }

    /** @return a new child of a parent order, in its parent's place: same purpose, edge and attribution. */
    private Order child(final Event intent)
    {
        final Order parent = orders.get(intent.parentOrderId);
        if (parent == null)
        {
            return null;
        }
        final Order order = new Order();
        order.id = intent.clientOrderId;
        order.parentId = parent.id;
        order.algo = parent.algo;
        order.flatten = parent.flatten;
        order.exitReason = parent.exitReason;
        order.edgeBps = parent.edgeBps;
        order.shares = parent.shares;
        orders.put(order.id, order);
        return order;
    }

    @Override
    public void onReport(final Event report, final DecisionChain chain)
    {
        final Order order = working.get(report.clientOrderId);
        if (order == null)
        {
            return;
        }
        switch (report.execType)
        {
            case PARTIALLY_FILLED, FILLED ->
            {
                if (report.quantity > 0)
                {
                    onFill(report, order);
                }
                order.status = report.execType.name();
            }
            case FEE_IN_KIND ->
            {
                order.fees += report.fee;
                feesTotal += report.fee;
            }
            case CANCELED, REJECTED, EXPIRED -> order.status = report.execType.name();
            case ACKED -> order.status = order.filled > 0 ? order.status : "ACKED";
            default ->
            {
            }
        }
        if (report.execType == ExecType.FILLED || report.execType == ExecType.CANCELED ||
            report.execType == ExecType.REJECTED || report.execType == ExecType.EXPIRED)
        {
            working.remove(order.id);
        }
    }

    private void onFill(final Event report, final Order order)
    {
        final InstrumentSpec spec = specs[report.instrumentId];
        final long notional = spec.notional(report.price, report.quantity);
        order.filled += report.quantity;
        order.filledNotional += notional;
        order.fees += report.fee;
        tradedNotional += notional;
        feesTotal += report.fee;
        fills.add(new Fill(report.timestampNs, report.instrumentId, report.side, report.price, report.quantity,
            report.fee, order.id));
        roundTrips.book(report.instrumentId, report.timestampNs, report.side.sign(), report.price, report.quantity,
            report.fee, order.exitReason, order.shares);
    }

    /** A new day closes the last one with the book as its last event left it. */
    @Override
    public void beforeEvent(final Event event, final DecisionChain chain)
    {
        final long day = clock.dayOf(event.timestampNs);
        if (day != currentDay)
        {
            if (currentDay != Long.MIN_VALUE)
            {
                daily.add(currentDay, chain.portfolio().equityMoney(), benchmark(chain));
            }
            currentDay = day;
        }
    }

    @Override
    public void afterEvent(final Event event, final DecisionChain chain)
    {
        events++;
        if (attributionListener != null)
        {
            attributionListener.afterEvent(event, chain);
        }
        final long t = event.timestampNs;
        if (firstNs == Long.MIN_VALUE)
        {
            firstNs = t;
        }
        if (inMarket)
        {
            inMarketNs += t - lastNs;
        }
        lastNs = t;
        final Portfolio portfolio = chain.portfolio();
        boolean positioned = false;
        for (int id = 0; id < specs.length; id++)
        {
            positioned |= portfolio.positionQuantity(id) != 0;
            if (firstMid[id] == 0)
            {
                final double mid = chain.features().features(id).mid;
                firstMid[id] = mid > 0 ? mid : 0;
            }
        }
        inMarket = positioned;
        if (curve.due(t))
        {
            curve.add(t, portfolio, chain.features(), benchmark(chain));
        }
    }

    /** @return buy-and-hold of the initial money, equal weight, each instrument from its first mid. */
    private double benchmark(final DecisionChain chain)
    {
        double relative = 0;
        for (int id = 0; id < specs.length; id++)
        {
            final double mid = chain.features().features(id).mid;
            relative += firstMid[id] > 0 && mid > 0 ? mid / firstMid[id] : 1;
        }
        return initialMoney * relative / specs.length;
    }

    /**
     * The segment ended: the last day is closed, and each open position is closed as a trade at its mark.
     *
     * @param dayEnd true when the segment is one day replayed on its own (positions do not carry over).
     */
    public void finish(final DecisionChain chain, final boolean dayEnd)
    {
        final Portfolio portfolio = chain.portfolio();
        finalEquity = portfolio.equityMoney(); // after the exchange drained: every report is in
        if (currentDay != Long.MIN_VALUE)
        {
            daily.add(currentDay, finalEquity, benchmark(chain));
            currentDay = Long.MIN_VALUE;
        }
        roundTrips.closeAtMarks(portfolio, lastNs, dayEnd ? ExitReason.DAY_END : ExitReason.OPEN_AT_END);
    }

    private void writeDecision(final DecisionRecord r)
    {
        try
        {
            decisions.append(DecisionLines.line(line, r, specs[r.instrumentId], models));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot write decisions.jsonl", e);
        }
    }

    public List<Order> orders()
    {
        return new ArrayList<>(orders.values());
    }

    public List<Fill> fills()
    {
        return fills;
    }

    public List<Trade> trades()
    {
        return roundTrips.trades();
    }

    public long[] days()
    {
        return daily.days();
    }

    public long[] dayEquity()
    {
        return daily.equity();
    }

    public double[] dayBenchmark()
    {
        return daily.benchmark();
    }

    public long finalEquity()
    {
        return finalEquity;
    }

    public long initialMoney()
    {
        return initialMoney;
    }

    public long firstNs()
    {
        return firstNs;
    }

    public long lastNs()
    {
        return lastNs;
    }

    public long inMarketNs()
    {
        return inMarketNs;
    }

    public long events()
    {
        return events;
    }

    public long decisionCount()
    {
        return decisionCount;
    }

    public long vetoes()
    {
        return vetoes;
    }

    public long tradedNotional()
    {
        return tradedNotional;
    }

    public long feesTotal()
    {
        return feesTotal;
    }

    public ModelAttribution attribution()
    {
        return attribution;
    }
}
