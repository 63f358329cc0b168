package io.keel.engine;

import io.keel.core.event.Event;
import io.keel.core.event.EventSink;

/**
 * A bounded FIFO of preallocated events on one thread: the simulated exchange's reports wait here until the event
 * being processed is finished, so the decision chain is never re-entered. Allocation-free.
 */
public final class EventQueue implements EventSink
{
    private final Event[] slots;
    private final int mask;
    private long head;
    private long tail;

    public EventQueue(final int capacityPowerOfTwo)
    {
        slots = new Event[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
        for (int i = 0; i < capacityPowerOfTwo; i++)
        {
            slots[i] = new Event();
        }
    }

    /** Queues a copy; one slot is kept spare so the event last returned by {@link #poll()} stays valid. */
    @Override
    public void onEvent(final Event event)
    {
        if (tail - head >= slots.length - 1)
        {
            throw new IllegalStateException("event queue overflow: more than " + slots.length + " pending reports");
        }
        slots[(int)(tail++ & mask)].copyFrom(event);
    }

    /** @return the next event (valid until the next call), or null when empty. */
    public Event poll()
    {
        return head == tail ? null : slots[(int)(head++ & mask)];
    }
}
