package io.keel.app.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventTranslators;
import io.keel.ingest.sim.SimMarket;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.LongSupplier;

/**
 * The venue thread: it owns the market source and where orders go, publishes market events and execution reports to
 * the inbound ring and takes orders from the order ring. The market is the simulated one (paced to the wall clock in
 * real time, otherwise as fast as the ring accepts) or a live venue's feeds, whose events arrive on a ring of their own
 * and pass through here, so the simulated exchange sees them as it sees simulated ones (paper trading on live data).
 */
final class SimVenue implements Runnable
{
    private final SimMarket market;
    private final VenueOrders exchange;
    private final RingBuffer<Event> inbound;
    private final EventPoller<Event> orders;
    private final boolean realtime;
    private final long endNs;
    private final int instruments;
    private final LongSupplier nanoClock;
    private final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
    private final EventPoller<Event> liveMarket;
    private final LongSupplier epochClockNs;
    private final EventPoller.Handler<Event> liveHandler;
    private final EventSink reportSink;
    private final EventSink marketSink;
    private final EventPoller.Handler<Event> orderHandler;
    private volatile boolean marketRunning = true;
    private volatile boolean marketLive = true;
    private volatile boolean running = true;
    private volatile boolean marketFinished;
    private volatile long lastEventNs;
    private long steps;

    SimVenue(
        final SimMarket market,
        final VenueOrders exchange,
        final RingBuffer<Event> inbound,
        final EventPoller<Event> orders,
        final boolean realtime,
        final long endNs,
        final int instruments,
        final LongSupplier nanoClock)
    {
        this(market, null, exchange, inbound, orders, realtime, endNs, instruments, nanoClock, null);
    }

    /**
     * A venue whose market is a live feed: events the feeds published to {@code liveMarket} (stamped with the
     * receive time) go on to the inbound ring and the order venue. Runs until stopped.
     *
     * @param epochClockNs wall clock in epoch ns, stamping operator commands.
     */
    SimVenue(
        final EventPoller<Event> liveMarket,
        final VenueOrders exchange,
        final RingBuffer<Event> inbound,
        final EventPoller<Event> orders,
        final LongSupplier epochClockNs)
    {
        this(null, liveMarket, exchange, inbound, orders, true, Long.MAX_VALUE, 1, System::nanoTime, epochClockNs);
    }

    private SimVenue(
        final SimMarket market,
        final EventPoller<Event> liveMarket,
        final VenueOrders exchange,
        final RingBuffer<Event> inbound,
        final EventPoller<Event> orders,
        final boolean realtime,
        final long endNs,
        final int instruments,
        final LongSupplier nanoClock,
        final LongSupplier epochClockNs)
    {
        this.market = market;
        this.liveMarket = liveMarket;
        this.exchange = exchange;
        this.inbound = inbound;
        this.orders = orders;
        this.realtime = realtime;
        this.endNs = endNs;
        this.instruments = instruments;
        this.nanoClock = nanoClock;
        this.epochClockNs = epochClockNs;
        this.reportSink = event -> EventTranslators.publish(this.inbound, event);
        this.marketSink = this::onMarketEvent;
        this.orderHandler = (event, sequence, endOfBatch) ->
        {
            this.exchange.onOrder(event, reportSink);
            return true;
        };
        this.liveHandler = (event, sequence, endOfBatch) ->
        {
            onMarketEvent(event);
            return true;
        };
        this.marketRunning = market != null;
        this.lastEventNs = market != null ? market.nowNs() : epochClockNs.getAsLong();
    }

    private void onMarketEvent(final Event event)
    {
        EventTranslators.publish(inbound, event);
        exchange.onMarketEvent(event, reportSink);
    }

    @Override
    public void run()
    {
        if (liveMarket != null)
        {
            runLive();
            return;
        }
        final long startWallNs = nanoClock.getAsLong();
        final long stepNs = market.stepNs();
        while (running)
        {
            int work = pollOrders();
            exchange.poll();
            if (marketRunning)
            {
                final boolean due = !realtime ||
                    nanoClock.getAsLong() - startWallNs >= (steps / instruments) * stepNs;
                if (due)
                {
                    market.step(marketSink);
                    steps++;
                    work++;
                    lastEventNs = market.nowNs();
                    if (market.nowNs() >= endNs)
                    {
                        marketRunning = false;
                        marketFinished = true;
                    }
                }
            }
            if (!marketRunning)
            {
                exchange.drain(reportSink); // no market event will carry late orders in: the venue takes them now
            }
            idle.idle(work);
        }
        pollOrders();
        exchange.drain(reportSink);
    }

    private void runLive()
    {
        while (running)
        {
            int work = pollOrders();
            exchange.poll();
            if (marketLive)
            {
                try
                {
                    work += liveMarket.poll(liveHandler) == EventPoller.PollState.PROCESSING ? 1 : 0;
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException("live market event handling failed", ex);
                }
            }
            idle.idle(work);
        }
        pollOrders();
        exchange.drain(reportSink);
    }

    private int pollOrders()
    {
        try
        {
            return orders.poll(orderHandler) == EventPoller.PollState.PROCESSING ? 1 : 0;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("order handling failed", ex);
        }
    }

    /** Stops generating market data; orders are still handled (cancels during shutdown). */
    void stopMarket()
    {
        marketRunning = false;
        marketLive = false;
    }

    /** Stops the thread after one last drain of the order ring. */
    void stop()
    {
        running = false;
    }

    /** @return true once the configured duration of event time has been generated. */
    boolean marketFinished()
    {
        return marketFinished;
    }

    /** @return event time of the latest market step (for stamping operator commands). */
    long lastEventNs()
    {
        return epochClockNs != null ? epochClockNs.getAsLong() : lastEventNs;
    }

    /** @return orders drained from the order ring (cursor) vs published: true when none are pending. */
    boolean ordersDrained(final RingBuffer<Event> orderRing)
    {
        return orders.getSequence().get() == orderRing.getCursor();
    }
}
