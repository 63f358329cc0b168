package io.keel.engine;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.event.EventSink;
import io.keel.core.metrics.MetricBoard;
import io.keel.ingest.sim.SimMarket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision chain allocates nothing in steady state: a million events of the simulated market through the full
 * zoo, the blender, the book sizer, risk, the order desk and the simulated exchange, with the metrics sink attached
 * as in the daemon, after a warm-up, measured by the thread's allocated bytes ({@code ThreadMXBean}).
 */
class SteadyStateAllocationTest
{
    private static final long WARMUP_EVENTS = 300_000;
    private static final long MEASURED_EVENTS = 1_000_000;

    @ParameterizedTest
    @ValueSource(strings = {"crypto_scalp", "stocks_intraday"})
    void shouldAllocateNothingPerEventOnceWarm(final String mode)
    {
        final LoadedConfig loaded = ConfigLoader.withAllModels(ConfigLoader.load(ConfigSource.builtIn(), mode));
        final EventTimePipeline pipeline = new EventTimePipeline(loaded, null);
        pipeline.chain().metrics(new ChainMetrics(new MetricBoard(), loaded.mode(), loaded.instruments(),
            pipeline.chain().modelNames()));
        final SimMarket market = new SimMarket(loaded);
        final long[] events = new long[1];
        final EventSink sink = event ->
        {
            pipeline.onJournaledEvent(event);
            events[0]++;
        };
        while (events[0] < WARMUP_EVENTS)
        {
            market.step(sink);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().threadId();
        final long ordersBefore = pipeline.chain().desk().sent();
        final long before = threads.getThreadAllocatedBytes(thread);
        final long end = events[0] + MEASURED_EVENTS;
        while (events[0] < end)
        {
            market.step(sink);
        }
        final long bytes = threads.getThreadAllocatedBytes(thread) - before;
        final long orders = pipeline.chain().desk().sent() - ordersBefore;
        System.out.printf("%s: %,d events after a %,d-event warm-up, %,d orders: %,d bytes allocated (%.4f B/event)%n",
            mode, MEASURED_EVENTS, WARMUP_EVENTS, orders, bytes, (double)bytes / MEASURED_EVENTS);
        assertTrue(orders > 0, mode + ": the measured events must reach the order desk, sent " + orders);
        // the measuring call itself may allocate a few bytes; anything per event would be megabytes
        assertTrue(bytes <= 0.01 * MEASURED_EVENTS, mode + ": " + bytes + " bytes allocated over " +
            MEASURED_EVENTS + " events (" + orders + " orders) = " + (double)bytes / MEASURED_EVENTS + " B/event");
    }
}
