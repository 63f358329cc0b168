package io.keel.execution;

import io.keel.core.event.Event;
import io.keel.core.event.EventSink;

/**
 * A simulated venue's matching: market events update its view of the book and may fill resting orders; order
 * intents (new orders and cancels) are acknowledged, filled, rested, canceled or rejected, each outcome an execution
 * report. {@link SimExchange} is the fast one; the test suite holds a plain reference both must agree with.
 */
public interface Matcher
{
    /** Applies a market event (book, quote, trade, bar, corporate action). */
    void onMarketEvent(Event event, EventSink reports);

    /** Handles an order intent: a new order, or a cancel (command CANCEL_ALL with the order's id). */
    void onOrder(Event intent, EventSink reports);

    /** @return our orders resting on the book. */
    int restingCount();

    /** @return order requests received (new and cancel). */
    long ordersReceived();
}
