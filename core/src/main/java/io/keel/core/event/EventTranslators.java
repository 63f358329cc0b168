package io.keel.core.event;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;

/** Static, non-capturing translators for publishing {@link Event}s: publishing allocates nothing. */
public final class EventTranslators
{
    /** Copies a scratch event into the claimed slot. */
    public static final EventTranslatorOneArg<Event, Event> COPY = (slot, sequence, source) -> slot.copyFrom(source);

    private EventTranslators()
    {
    }

    /** Publishes a copy of {@code source}, blocking while the ring is full. */
    public static void publish(final RingBuffer<Event> ring, final Event source)
    {
        ring.publishEvent(COPY, source);
    }
}
