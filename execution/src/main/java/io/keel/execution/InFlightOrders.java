package io.keel.execution;

import io.keel.core.event.Event;

/**
 * Orders and cancels on their way to the simulated exchange, in arrival order (a ring of preallocated slots): the
 * latency model in event time. Allocation-free.
 */
final class InFlightOrders
{
    private final Event[] pending;
    private final long[] arrivalNs;
    private int head;
    private int count;

    InFlightOrders(final int capacity)
    {
        this.pending = new Event[capacity];
        this.arrivalNs = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            pending[i] = new Event();
        }
    }

    /** @return false when full (the order cannot be taken). */
    boolean add(final Event intent, final long arrivesNs)
    {
        if (count == pending.length)
        {
            return false;
        }
        final int slot = (head + count) % pending.length;
        pending[slot].copyFrom(intent);
        arrivalNs[slot] = arrivesNs;
        count++;
        return true;
    }

    /** @return true when the next order has arrived by {@code nowNs}. */
    boolean due(final long nowNs)
    {
        return count > 0 && arrivalNs[head] <= nowNs;
    }

    /** @return the arrival time of the next order (call only when one is pending). */
    long nextArrivalNs()
    {
        return arrivalNs[head];
    }

    /** @return the next order, removed (its slot is reused by a later {@link #add}: apply it before that). */
    Event poll()
    {
        final Event order = pending[head];
        head = (head + 1) % pending.length;
        count--;
        return order;
    }

    int size()
    {
        return count;
    }
}
