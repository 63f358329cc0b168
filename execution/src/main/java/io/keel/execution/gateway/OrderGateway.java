package io.keel.execution.gateway;

import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;

/** A live venue's order entry, as {@link GatewayLoop} drives it. Blocking calls: the gateway thread only. */
public interface OrderGateway
{
    /** Sends a new order; reports ACKED and fills, REJECTED, or UNKNOWN when the answer was lost. */
    void place(Event intent, InstrumentSpec spec, EventSink sink);

    /** Cancels by client id. @return false when it could not be done now. */
    boolean cancel(long clientOrderId, Side side, InstrumentSpec spec, EventSink sink);

    /**
     * Asks the venue about an order by client id and reports what changed.
     *
     * @param alreadyFilled quantity booked so far.
     * @param wasUnknown    whether our state is UNKNOWN (an open order found is then acknowledged).
     * @return false when the venue could not be asked now.
     */
    boolean resolve(long clientOrderId, Side side, long alreadyFilled, boolean wasUnknown, InstrumentSpec spec,
        EventSink sink);

    /** @return what the venue says we hold and have open, or null when it cannot be asked. */
    VenueSnapshot snapshot(java.util.List<InstrumentSpec> specs);

    /** @return the venue's last price of an instrument in price units, 0 when unknown. */
    long lastPrice(InstrumentSpec spec);
}
