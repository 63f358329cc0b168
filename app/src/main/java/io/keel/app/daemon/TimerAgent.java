package io.keel.app.daemon;

import com.lmax.disruptor.RingBuffer;
import io.keel.core.event.Event;
import io.keel.core.event.EventTranslators;
import org.agrona.concurrent.Agent;

import java.util.function.LongSupplier;

/**
 * The one timer source of a process on live data: a TIMER event every {@code run.timerIntervalMs} of wall-clock
 * (epoch) time, on the interval's boundaries, published to the inbound ring (journaled, so a replay sees the same
 * timers at the same points). Feeds publish none of their own, so two symbols do not mean two timer streams, and a
 * venue whose feed has no timers (Alpaca) still drives breakers, staleness and session checks.
 *
 * <p>Runs on its own agent thread.
 */
final class TimerAgent implements Agent
{
    private final RingBuffer<Event> inbound;
    private final long intervalNs;
    private final LongSupplier epochClockNs;
    private final Event timer = new Event();
    private long nextNs;
    private long timerId;

    /**
     * @param intervalNs   the timer interval, ns.
     * @param epochClockNs the wall clock, epoch ns.
     */
    TimerAgent(final RingBuffer<Event> inbound, final long intervalNs, final LongSupplier epochClockNs)
    {
        if (intervalNs <= 0)
        {
            throw new IllegalArgumentException("timer interval must be positive, was " + intervalNs + " ns");
        }
        this.inbound = inbound;
        this.intervalNs = intervalNs;
        this.epochClockNs = epochClockNs;
    }

    @Override
    public void onStart()
    {
        nextNs = (epochClockNs.getAsLong() / intervalNs + 1) * intervalNs;
    }

    @Override
    public int doWork()
    {
        final long nowNs = epochClockNs.getAsLong();
        int published = 0;
        while (nowNs >= nextNs)
        {
            EventTranslators.publish(inbound, timer.timer(nextNs, ++timerId));
            nextNs += intervalNs;
            published++;
        }
        return published;
    }

    @Override
    public String roleName()
    {
        return "keel-timer";
    }

    /** @return timers published. */
    long published()
    {
        return timerId;
    }
}
