package io.keel.app.daemon;

import io.keel.engine.EventTimePipeline;
import com.lmax.disruptor.RingBuffer;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventTranslators;
import io.keel.ingest.sim.SimMarket;
import org.agrona.concurrent.Agent;

import java.util.function.LongSupplier;

/**
 * The simulated venue's market: generates the seeded market and publishes each event straight to the inbound ring,
 * paced to the wall clock in real time, otherwise as fast as the ring accepts. It takes no orders: the simulated
 * exchange runs on the decision thread in event time ({@link EventTimePipeline}), so where fills land does not
 * depend on this thread's timing.
 *
 * <p>Runs on its own agent thread; {@link #lastEventNs()} and {@link #finished()} may be read from any thread.
 */
final class SimMarketAgent implements Agent
{
    private final SimMarket market;
    private final boolean realtime;
    private final long endNs;
    private final int instruments;
    private final long stepNs;
    private final LongSupplier nanoClock;
    private final EventSink sink;
    private long startWallNs;
    private long steps;
    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile long lastEventNs;

    /**
     * @param endNs     event time at which the market stops (Long.MAX_VALUE: until stopped).
     * @param nanoClock the wall clock pacing a real-time market.
     */
    SimMarketAgent(final SimMarket market, final RingBuffer<Event> inbound, final boolean realtime, final long endNs,
        final int instruments, final LongSupplier nanoClock)
    {
        this.market = market;
        this.realtime = realtime;
        this.endNs = endNs;
        this.instruments = instruments;
        this.stepNs = market.stepNs();
        this.nanoClock = nanoClock;
        this.sink = event -> EventTranslators.publish(inbound, event);
        this.lastEventNs = market.nowNs();
    }

    @Override
    public void onStart()
    {
        startWallNs = nanoClock.getAsLong();
    }

    @Override
    public int doWork()
    {
        if (!running)
        {
            return 0;
        }
        final long nowNs = nanoClock.getAsLong();
        if (realtime && nowNs - startWallNs < (steps / instruments) * stepNs)
        {
            return 0;
        }
        market.step(sink);
        steps++;
        lastEventNs = market.nowNs();
        if (market.nowNs() >= endNs)
        {
            running = false;
            finished = true;
        }
        return 1;
    }

    @Override
    public String roleName()
    {
        return "keel-sim-market";
    }

    /** Stops generating market data; safe from any thread. */
    void stop()
    {
        running = false;
    }

    /** @return true once the configured duration of event time has been generated. */
    boolean finished()
    {
        return finished;
    }

    /** @return event time of the latest market step (stamps operator commands). */
    long lastEventNs()
    {
        return lastEventNs;
    }
}
