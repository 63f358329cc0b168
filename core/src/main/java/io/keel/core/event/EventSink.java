package io.keel.core.event;

/**
 * Receives events one at a time. The event is only valid during the call: copy what you keep. Implementations on
 * the hot path must not allocate.
 */
@FunctionalInterface
public interface EventSink
{
    /** Handles one event. */
    void onEvent(Event event);
}
