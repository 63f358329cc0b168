package io.keel.benchmarks;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.execution.OrderTracker;
import io.keel.execution.Portfolio;
import io.keel.execution.SimExchange;
import io.keel.risk.PreTradeRisk;
import io.keel.risk.RiskLimits;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Cost of the pre-trade risk stage per order, and the simulated exchange's matching throughput, on crypto_scalp's
 * instruments and limits. Prints ns per operation and bytes allocated per operation after a warm-up.
 * Usage: {@code bin/bench risk [operations=20000000]}.
 */
public final class RiskAndMatchBenchmark
{
    private RiskAndMatchBenchmark()
    {
    }

    /** Runs it. */
    public static void main(final String[] args)
    {
        final int operations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000_000;
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        final List<InstrumentSpec> specs = loaded.instruments();
        final InstrumentSpec btc = specs.get(0);
        System.out.printf("risk and matching on %s (%d instruments), %,d operations per measure%n", loaded.mode(),
            specs.size(), operations);
        risk(loaded, btc, operations);
        match(loaded, btc, operations);
    }

    private static long allocated()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    private static void risk(final LoadedConfig loaded, final InstrumentSpec btc, final int operations)
    {
        final Portfolio portfolio = new Portfolio(loaded.instruments(), loaded.money().initialCash());
        final long mid = 65_000_00;
        portfolio.mark(0, mid);
        portfolio.mark(1, 3_200_00);
        final OrderTracker orders = new OrderTracker(loaded.instruments().size());
        final Event resting = new Event();
        resting.clientOrderId = 1;
        resting.instrumentId = 1;
        resting.side = Side.SELL;
        resting.orderType = OrderType.LIMIT;
        resting.price = 3_201_00;
        resting.quantity = 10_000;
        orders.onSubmit(resting); // one working order for the credit and self-trade visits
        for (int round = 0; round < 2; round++)
        {
            final PreTradeRisk risk = new PreTradeRisk(loaded.instruments(), RiskLimits.of(loaded));
            long t = 1_767_225_600_000_000_000L;
            risk.onTime(t, portfolio.equityMoney());
            long accepted = 0;
            final long bytes = allocated();
            final long start = System.nanoTime();
            for (int i = 0; i < operations; i++)
            {
                t += 600_000_000L; // 0.6 s apart: every check passes (runaway guard, throttle, duplicates)
                final long quantity = 1_000 + (i & 1023) * 10;
                final Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
                final RejectReason verdict = risk.check(btc, side, quantity, true, side == Side.BUY ? mid - 1 : mid + 1,
                    mid, t, portfolio, orders);
                if (verdict == RejectReason.NONE)
                {
                    accepted++;
                }
            }
            final long elapsed = System.nanoTime() - start;
            final long allocatedBytes = allocated() - bytes;
            System.out.printf("%s pre-trade check, every rule evaluated: %,.1f ns/order (%,.1f M orders/s), " +
                "%,d accepted, %.4f B/order%n",
                round == 0 ? "warm-up " : "measured", (double)elapsed / operations, operations * 1e3 / elapsed,
                accepted, (double)allocatedBytes / operations);
        }
    }

    private static void match(final LoadedConfig loaded, final InstrumentSpec btc, final int operations)
    {
        final int levels = loaded.config().sim().bookLevels();
        final SimExchange exchange = new SimExchange(loaded.instruments(), levels, loaded.money().makerFeeCentiBps(),
            loaded.money().takerFeeCentiBps());
        final long[] fills = new long[1];
        final EventSink reports = report -> fills[0]++;
        final Event event = new Event();
        final Event order = new Event();
        for (int round = 0; round < 2; round++)
        {
            long t = 1_767_225_600_000_000_000L;
            fills[0] = 0;
            final long bytes = allocated();
            final long start = System.nanoTime();
            for (int i = 0; i < operations; i++)
            {
                t += 1_000_000L;
                // refresh one level of each side, then a market order that sweeps two levels
                final int level = i % levels;
                exchange.onMarketEvent(event.bookLevel(t, 0, Side.BUY, level, 65_000_00 - level, 200_000), reports);
                exchange.onMarketEvent(event.bookLevel(t, 0, Side.SELL, level, 65_000_01 + level, 200_000), reports);
                order.reset();
                order.timestampNs = t;
                order.clientOrderId = i + 1L;
                order.instrumentId = 0;
                order.side = (i & 1) == 0 ? Side.BUY : Side.SELL;
                order.orderType = OrderType.MARKET;
                order.quantity = 300_000;
                exchange.onOrder(order, reports);
            }
            final long elapsed = System.nanoTime() - start;
            final long allocatedBytes = allocated() - bytes;
            System.out.printf("%s sim exchange: %,.1f ns per (2 book updates + 1 market order), %,.2f M orders/s, " +
                "%,d reports, %.4f B/order%n", round == 0 ? "warm-up " : "measured", (double)elapsed / operations,
                operations * 1e3 / elapsed, fills[0], (double)allocatedBytes / operations);
        }
    }
}
