package io.keel.app.pipeline;

import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.execution.SimExchange;
import io.keel.execution.gateway.GatewayLoop;

/** Where the venue thread sends orders: the simulated exchange, or a live gateway. Venue thread only. */
interface VenueOrders
{
    /** A market event the venue thread generated. */
    void onMarketEvent(Event event, EventSink reports);

    /** An order intent from the decision chain. */
    void onOrder(Event intent, EventSink reports);

    /** Periodic work (resolving orders whose answer was lost). */
    void poll();

    /** The market stopped: finish what is on its way. */
    void drain(EventSink reports);

    /** @return the simulated exchange as venue orders. */
    static VenueOrders simulated(final SimExchange exchange)
    {
        return new VenueOrders()
        {
            @Override
            public void onMarketEvent(final Event event, final EventSink reports)
            {
                exchange.onMarketEvent(event, reports);
            }

            @Override
            public void onOrder(final Event intent, final EventSink reports)
            {
                exchange.onOrder(intent, reports);
            }

            @Override
            public void poll()
            {
            }

            @Override
            public void drain(final EventSink reports)
            {
                exchange.drain(reports);
            }
        };
    }

    /** @return a live gateway loop as venue orders (its reports go where the loop was told). */
    static VenueOrders live(final GatewayLoop loop)
    {
        return new VenueOrders()
        {
            @Override
            public void onMarketEvent(final Event event, final EventSink reports)
            {
            }

            @Override
            public void onOrder(final Event intent, final EventSink reports)
            {
                loop.onIntent(intent);
            }

            @Override
            public void poll()
            {
                loop.poll();
            }

            @Override
            public void drain(final EventSink reports)
            {
                loop.poll();
            }
        };
    }
}
