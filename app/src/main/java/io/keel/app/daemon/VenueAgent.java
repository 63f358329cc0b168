package io.keel.app.daemon;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.keel.core.event.Event;
import io.keel.execution.gateway.GatewayLoop;
import org.agrona.concurrent.Agent;

/**
 * One live venue's order agent: it takes the decision chain's intents for its venue off its own order ring and owns
 * every REST call to that venue (place, cancel, the queries that resolve UNKNOWN orders and reconcile working ones),
 * so a slow or hung call delays nothing but this venue's orders. Market data never passes through here: feeds
 * publish straight to the inbound ring. Reports go to the inbound ring (journaled, then applied by the chain).
 *
 * <p>Runs on its own agent thread.
 */
final class VenueAgent implements Agent
{
    private final String venue;
    private final EventPoller<Event> orders;
    private final GatewayLoop gateway;
    private final EventPoller.Handler<Event> onIntent;

    /**
     * @param venue   the venue's name (the thread's role).
     * @param orders  poller of this venue's order ring.
     * @param gateway the venue's gateway loop (its reports go where it was told).
     */
    VenueAgent(final String venue, final EventPoller<Event> orders, final GatewayLoop gateway)
    {
        this.venue = venue;
        this.orders = orders;
        this.gateway = gateway;
        this.onIntent = (event, sequence, endOfBatch) ->
        {
            gateway.onIntent(event);
            return true;
        };
    }

    @Override
    public int doWork() throws Exception
    {
        final int work = orders.poll(onIntent) == EventPoller.PollState.PROCESSING ? 1 : 0;
        gateway.poll();
        return work;
    }

    /** The last intents on the ring (cancels at shutdown) still go out. */
    @Override
    public void onClose()
    {
        try
        {
            orders.poll(onIntent);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("order handling failed at shutdown", ex);
        }
        gateway.poll();
    }

    @Override
    public String roleName()
    {
        return "keel-venue-" + venue;
    }

    /** @return true when every intent published to {@code orderRing} has been taken. */
    boolean drained(final RingBuffer<Event> orderRing)
    {
        return orders.getSequence().get() == orderRing.getCursor();
    }
}
