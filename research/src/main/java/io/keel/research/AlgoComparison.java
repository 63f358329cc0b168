package io.keel.research;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.book.LevelBook;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.execution.SimExchange;
import io.keel.execution.algo.AlgoContext;
import io.keel.execution.algo.Algos;
import io.keel.execution.algo.ExecutionAlgo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every execution algorithm on the same parent orders over a journaled market, each algorithm on its own
 * simulated exchange (same latency, fees and queue model as backtests), and scores each parent by implementation
 * shortfall against the arrival mid (Perold): the fill price's slippage on what filled, the move to the end mid on
 * what did not (opportunity cost), plus fees, in bps of the arrival value. Parents alternate buy and sell, one every
 * {@code everyNs}, each to be done within {@code horizonNs}.
 */
public final class AlgoComparison
{
    /** One algorithm's scores. */
    public record Row(String algo, int parents, double fillRate, double meanIsBps, double stdIsBps, double feesBps,
                      double meanFillDelaySec)
    {
    }

    private final MarketTape tape;
    private final int instrument;
    private final long size;
    private final long everyNs;
    private final long horizonNs;
    private final long latencyNs;

    /**
     * @param instrument instrument id.
     * @param size       parent quantity in quantity units.
     */
    public AlgoComparison(final MarketTape tape, final int instrument, final long size, final long everyNs,
        final long horizonNs, final long latencyNs)
    {
        if (horizonNs <= 0 || everyNs < horizonNs)
        {
            throw new IllegalArgumentException("--every must be at least --horizon (parents do not overlap)");
        }
        if (size <= 0)
        {
            throw new IllegalArgumentException("--size must be positive");
        }
        this.tape = tape;
        this.instrument = instrument;
        this.size = size;
        this.everyNs = everyNs;
        this.horizonNs = horizonNs;
        this.latencyNs = latencyNs;
    }

    /** @return one row per algorithm, in {@link Algos#all} order. */
    public List<Row> run()
    {
        final int algos = Algos.all(new double[] {1}).size();
        final List<Row> rows = new ArrayList<>();
        for (int a = 0; a < algos; a++)
        {
            rows.add(runAlgo(a));
        }
        return rows;
    }

    private double[] profileBefore(final long startNs, final int buckets)
    {
        final double[] volume = new double[buckets];
        final long from = startNs - horizonNs;
        for (final Event e : tape.events())
        {
            if (e.timestampNs >= startNs)
            {
                break;
            }
            if (e.type == EventType.TRADE && e.instrumentId == instrument && e.timestampNs >= from)
            {
                volume[(int)Math.min(buckets - 1, (e.timestampNs - from) * buckets / horizonNs)] += e.quantity;
            }
        }
        return volume;
    }

    private Row runAlgo(final int index)
    {
        final InstrumentSpec spec = tape.config().instruments().get(instrument);
        final SimExchange exchange = new SimExchange(tape.config().instruments(),
            tape.config().config().sim().bookLevels(), tape.config().money().makerFeeCentiBps(),
            tape.config().money().takerFeeCentiBps(), latencyNs);
        final Parent parent = new Parent(spec, exchange, new LevelBook(tape.config().instruments().size(),
            tape.config().config().sim().bookLevels()));
        final List<Double> shortfalls = new ArrayList<>();
        double fillSum = 0;
        double feeSum = 0;
        double delaySum = 0;
        String name = null;
        final List<Event> events = tape.events();
        final long first = events.isEmpty() ? 0 : events.get(0).timestampNs;
        long nextStart = first + horizonNs; // the first horizon is history for the VWAP profile
        Side nextSide = Side.BUY;
        for (final Event event : events)
        {
            exchange.onMarketEvent(event, parent::onReport);
            parent.view.apply(event);
            parent.nowNs = Math.max(parent.nowNs, event.timestampNs);
            if (event.type == EventType.TRADE && event.instrumentId == instrument && parent.live)
            {
                parent.marketVolume += event.quantity;
            }
            if (parent.live && event.timestampNs >= parent.endNs)
            {
                parent.finish(event.timestampNs);
            }
            if (parent.done())
            {
                shortfalls.add(parent.shortfallBps());
                fillSum += (double)parent.filled / size;
                feeSum += parent.feesBps();
                delaySum += parent.fillDelaySec();
                parent.clear();
            }
            if (!parent.live && !parent.finishing && event.timestampNs >= nextStart && parent.mid() > 0)
            {
                final ExecutionAlgo algo = Algos.all(profileBefore(event.timestampNs, 10)).get(index);
                name = algo.name();
                parent.start(algo, nextSide, event.timestampNs, event.timestampNs + horizonNs);
                nextSide = nextSide == Side.BUY ? Side.SELL : Side.BUY;
                nextStart = event.timestampNs + everyNs;
            }
            if (parent.live && event.instrumentId == instrument)
            {
                parent.algo.onMarket(parent);
            }
        }
        if (name == null)
        {
            name = Algos.all(new double[] {1}).get(index).name();
        }
        final int n = shortfalls.size();
        double mean = 0;
        for (final double s : shortfalls)
        {
            mean += s;
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double squares = 0;
        for (final double s : shortfalls)
        {
            squares += (s - mean) * (s - mean);
        }
        return new Row(name, n, n == 0 ? Double.NaN : fillSum / n, mean, n < 2 ? Double.NaN :
            Math.sqrt(squares / (n - 1)), n == 0 ? Double.NaN : feeSum / n, n == 0 ? Double.NaN : delaySum / n);
    }

    /** One parent order in flight, and the algorithm's view of it. */
    private final class Parent implements AlgoContext
    {
        private final InstrumentSpec spec;
        private final SimExchange exchange;
        private final LevelBook view;
        private final Map<Long, Long> childLeaves = new HashMap<>();
        private final Map<Long, Long> childPrice = new HashMap<>();
        private final Event intent = new Event();
        ExecutionAlgo algo;
        boolean live;
        boolean finishing;
        Side side;
        long startNs;
        long endNs;
        long nowNs;
        double arrivalMid;
        double endMid;
        long filled;
        long working;
        double notional;
        long fees;
        long marketVolume;
        long nextChildId = 1;
        long lastSentNs = NO_CHILD_YET;
        double delayWeighted;

        Parent(final InstrumentSpec spec, final SimExchange exchange, final LevelBook view)
        {
            this.spec = spec;
            this.exchange = exchange;
            this.view = view;
        }

        public double mid()
        {
            final long bid = view.bestBid(instrument);
            final long ask = view.bestAsk(instrument);
            return bid > 0 && ask > 0 ? (bid + ask) / 2.0 : 0;
        }

        public void start(final ExecutionAlgo newAlgo, final Side parentSide, final long start, final long end)
        {
            algo = newAlgo;
            algo.reset();
            side = parentSide;
            startNs = start;
            endNs = end;
            nowNs = start;
            lastSentNs = NO_CHILD_YET;
            arrivalMid = mid();
            live = true;
        }

        public void finish(final long now)
        {
            live = false;
            finishing = true;
            endMid = mid();
            nowNs = now;
            cancelAll();
        }

        public boolean done()
        {
            return finishing && working == 0;
        }

        public void clear()
        {
            finishing = false;
            filled = 0;
            working = 0;
            notional = 0;
            fees = 0;
            marketVolume = 0;
            delayWeighted = 0;
            childLeaves.clear();
            childPrice.clear();
        }

        public double shortfallBps()
        {
            final double sign = side == Side.BUY ? 1 : -1;
            final double fillPart = filled == 0 ? 0 : (double)filled / size *
                (notional / FixedPoint.toDouble(filled, spec.quantityScale()) - arrivalMid) / arrivalMid;
            final double missed = (double)(size - filled) / size * (endMid - arrivalMid) / arrivalMid;
            return sign * (fillPart + missed) * 1e4 + feesBps();
        }

        public double feesBps()
        {
            final double value = FixedPoint.toDouble(size, spec.quantityScale()) *
                arrivalMid / FixedPoint.pow10(spec.priceScale());
            return FixedPoint.toDouble(fees, FixedPoint.MONEY_SCALE) / value * 1e4;
        }

        public double fillDelaySec()
        {
            return filled == 0 ? Double.NaN : delayWeighted / filled / 1e9;
        }

        public void onReport(final Event report)
        {
            final Long leaves = childLeaves.get(report.clientOrderId);
            if (leaves == null)
            {
                return;
            }
            nowNs = Math.max(nowNs, report.timestampNs);
            if (report.execType == ExecType.FILLED || report.execType == ExecType.PARTIALLY_FILLED)
            {
                filled += report.quantity;
                working -= report.quantity;
                notional += FixedPoint.toDouble(report.quantity, spec.quantityScale()) * report.price;
                fees += report.fee;
                delayWeighted += (double)(report.timestampNs - startNs) * report.quantity;
                childLeaves.put(report.clientOrderId, report.leavesQuantity);
            }
            if (report.execType == ExecType.FILLED || report.execType == ExecType.CANCELED ||
                report.execType == ExecType.REJECTED || report.execType == ExecType.EXPIRED)
            {
                final long open = report.execType == ExecType.FILLED ? 0 : childLeaves.get(report.clientOrderId);
                working -= open;
                childLeaves.remove(report.clientOrderId);
                childPrice.remove(report.clientOrderId);
            }
        }

        @Override
        public long nowNs()
        {
            return nowNs;
        }

        @Override
        public long startNs()
        {
            return startNs;
        }

        @Override
        public long endNs()
        {
            return endNs;
        }

        @Override
        public Side side()
        {
            return side;
        }

        @Override
        public long parentQuantity()
        {
            return size;
        }

        @Override
        public long filled()
        {
            return filled;
        }

        @Override
        public long working()
        {
            return working;
        }

        @Override
        public long bestBid()
        {
            return view.bestBid(instrument);
        }

        @Override
        public long bestAsk()
        {
            return view.bestAsk(instrument);
        }

        @Override
        public long lastChildNs()
        {
            return lastSentNs;
        }

        @Override
        public long workingPrice()
        {
            for (final long price : childPrice.values())
            {
                return price;
            }
            return 0;
        }

        @Override
        public long marketVolume()
        {
            return marketVolume;
        }

        @Override
        public long lot()
        {
            return spec.lotSizeUnits();
        }

        private void send(final OrderType type, final long price, final long quantity)
        {
            final long lots = FixedPoint.roundToLot(Math.min(quantity, unassigned()), spec.lotSizeUnits());
            if (lots <= 0)
            {
                return;
            }
            final long id = nextChildId++;
            intent.reset();
            intent.type = EventType.ORDER_INTENT;
            intent.timestampNs = nowNs;
            intent.instrumentId = instrument;
            intent.clientOrderId = id;
            intent.side = side;
            intent.orderType = type;
            intent.price = price;
            intent.quantity = lots;
            childLeaves.put(id, lots);
            if (type == OrderType.LIMIT)
            {
                childPrice.put(id, price);
            }
            lastSentNs = nowNs;
            working += lots;
            exchange.onOrder(intent, this::onReport);
        }

        @Override
        public void sendMarket(final long quantity)
        {
            send(OrderType.MARKET, 0, quantity);
        }

        @Override
        public void sendLimit(final long price, final long quantity)
        {
            send(OrderType.LIMIT, price, quantity);
        }

        @Override
        public void cancelAll()
        {
            for (final long id : new ArrayList<>(childLeaves.keySet()))
            {
                if (childPrice.remove(id) == null)
                {
                    continue; // a market child is done the moment it arrives
                }
                intent.reset();
                intent.type = EventType.ORDER_INTENT;
                intent.timestampNs = nowNs;
                intent.instrumentId = instrument;
                intent.clientOrderId = id;
                intent.command = OperatorCommand.CANCEL_ALL;
                exchange.onOrder(intent, this::onReport);
            }
        }
    }

    /** @return the comparison as a table. */
    public static String format(final List<Row> rows, final String title)
    {
        final StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "  %-9s %7s %7s %10s %10s %9s %11s%n", "algo", "parents", "filled",
            "IS bps", "IS sd", "fees bps", "fill delay"));
        for (final Row r : rows)
        {
            out.append(String.format(Locale.ROOT, "  %-9s %7d %6.1f%% %10.2f %10.2f %9.2f %10.1fs%n", r.algo(),
                r.parents(), 100 * r.fillRate(), r.meanIsBps(), r.stdIsBps(), r.feesBps(), r.meanFillDelaySec()));
        }
        return out.toString();
    }
}
