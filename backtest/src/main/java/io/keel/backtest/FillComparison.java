package io.keel.backtest;

import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.engine.BacktestListener;
import io.keel.engine.DecisionChain;
import io.keel.execution.SimExchange;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each order of a journaled run (live, or paper on live data) scored against what the simulated exchange would have
 * given the same order at the same point: a shadow {@link SimExchange} sees the journal's market events and the run's
 * own orders and cancels, in the order the run had them, while the run's fills come from its journaled execution
 * reports. Per order: filled or not, quantity, average price and time to the last fill, live and simulated, and the
 * live price's slippage against the simulated one. Used with {@code backtest --fills recorded}.
 *
 * <p>Single-threaded (the replay's thread).
 */
public final class FillComparison implements BacktestListener
{
    /** One order's fills, live and simulated. */
    private static final class Order
    {
        final long id;
        final int instrument;
        final Side side;
        final long quantity;
        final long sentNs;
        long liveFilled;
        long liveNotional;
        long liveLastNs;
        long simFilled;
        long simNotional;
        long simLastNs;

        Order(final Event intent)
        {
            this.id = intent.clientOrderId;
            this.instrument = intent.instrumentId;
            this.side = intent.side;
            this.quantity = intent.quantity;
            this.sentNs = intent.timestampNs;
        }
    }

    private final InstrumentSpec[] specs;
    private final SimExchange shadow;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final EventSink simulated = this::onSimulatedReport;

    /** A shadow exchange with the configuration's book depth, fees and latency. */
    public FillComparison(final LoadedConfig loaded)
    {
        this.specs = loaded.instruments().toArray(new InstrumentSpec[0]);
        this.shadow = new SimExchange(loaded.instruments(), loaded.config().sim().bookLevels(),
            loaded.money().makerFeeCentiBps(), loaded.money().takerFeeCentiBps(),
            Math.round(loaded.config().execution().latencyMs() * 1_000_000));
    }

    @Override
    public void beforeEvent(final Event event, final DecisionChain chain)
    {
        shadow.onMarketEvent(event, simulated);
    }

    @Override
    public void onIntent(final Event intent)
    {
        if (intent.command == OperatorCommand.NONE && intent.type == EventType.ORDER_INTENT)
        {
            orders.putIfAbsent(intent.clientOrderId, new Order(intent));
        }
        shadow.onOrder(intent, simulated);
    }

    @Override
    public void onReport(final Event report, final DecisionChain chain)
    {
        final Order order = isFill(report) ? orders.get(report.clientOrderId) : null;
        if (order != null)
        {
            order.liveFilled += report.quantity;
            order.liveNotional += notional(report);
            order.liveLastNs = report.timestampNs;
        }
    }

    private void onSimulatedReport(final Event report)
    {
        final Order order = isFill(report) ? orders.get(report.clientOrderId) : null;
        if (order != null)
        {
            order.simFilled += report.quantity;
            order.simNotional += notional(report);
            order.simLastNs = report.timestampNs;
        }
    }

    private static boolean isFill(final Event report)
    {
        return (report.execType == ExecType.PARTIALLY_FILLED || report.execType == ExecType.FILLED) &&
            report.quantity > 0;
    }

    private long notional(final Event report)
    {
        final InstrumentSpec spec = specs[report.instrumentId];
        return FixedPoint.notional(report.price, spec.priceScale(), report.quantity, spec.quantityScale());
    }

    /** The journal ended: what the shadow still has on its way arrives (as a backtest drains its exchange). */
    public void finish()
    {
        shadow.drain(simulated);
    }

    /** @return orders compared. */
    public int orderCount()
    {
        return orders.size();
    }

    /**
     * Writes {@code fills.csv} of several comparisons (parallel days), one row per order, and returns the aggregate
     * for {@code summary.json}.
     */
    public static Map<String, Object> write(final Path file, final List<FillComparison> comparisons)
        throws IOException
    {
        int count = 0;
        int liveFilled = 0;
        int simFilled = 0;
        int both = 0;
        double slippageSum = 0;
        final List<Double> slippages = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            w.write("order_id,time,symbol,side,quantity,live_filled,live_avg_price,live_seconds_to_fill," +
                "sim_filled,sim_avg_price,sim_seconds_to_fill,live_vs_sim_bps\n");
            for (final FillComparison c : comparisons)
            {
                for (final Order o : c.orders.values())
                {
                    final InstrumentSpec spec = c.specs[o.instrument];
                    final BigDecimal live = average(o.liveNotional, o.liveFilled, spec);
                    final BigDecimal sim = average(o.simNotional, o.simFilled, spec);
                    final Double bps = live == null || sim == null ? null : live.subtract(sim).divide(sim, 12,
                        RoundingMode.HALF_EVEN).doubleValue() * 1e4 * o.side.sign();
                    count++;
                    liveFilled += o.liveFilled > 0 ? 1 : 0;
                    simFilled += o.simFilled > 0 ? 1 : 0;
                    if (bps != null)
                    {
                        both++;
                        slippageSum += bps;
                        slippages.add(bps);
                    }
                    w.write(o.id + "," + Instant.ofEpochSecond(0, o.sentNs) + "," + spec.symbol() + "," + o.side +
                        "," + FixedPoint.toText(o.quantity, spec.quantityScale()) + "," +
                        FixedPoint.toText(o.liveFilled, spec.quantityScale()) + "," + text(live) + "," +
                        seconds(o.liveFilled, o.liveLastNs, o.sentNs) + "," +
                        FixedPoint.toText(o.simFilled, spec.quantityScale()) + "," + text(sim) + "," +
                        seconds(o.simFilled, o.simLastNs, o.sentNs) + "," +
                        (bps == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", bps)) + "\n");
                }
            }
        }
        slippages.sort(Double::compare);
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("orders", count);
        summary.put("filledLive", liveFilled);
        summary.put("filledSimulated", simFilled);
        summary.put("filledBoth", both);
        summary.put("meanLiveVsSimulatedBps", both == 0 ? null : slippageSum / both);
        summary.put("medianLiveVsSimulatedBps", both == 0 ? null : slippages.get(both / 2));
        return summary;
    }

    private static BigDecimal average(final long notional, final long filled, final InstrumentSpec spec)
    {
        return filled == 0 ? null : ResultCsv.averagePrice(spec, notional, filled);
    }

    private static String text(final BigDecimal value)
    {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String seconds(final long filled, final long lastNs, final long sentNs)
    {
        return filled == 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", (lastNs - sentNs) / 1e9);
    }
}
