package io.keel.execution;

import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTrackerTest
{
    private final OrderTracker tracker = new OrderTracker(2);
    private final Event report = new Event();

    private void submit(final long id, final long quantity)
    {
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = id;
        intent.instrumentId = 1;
        intent.side = Side.BUY;
        intent.orderType = OrderType.LIMIT;
        intent.price = 100;
        intent.quantity = quantity;
        tracker.onSubmit(intent);
    }

    private OrderState apply(final long id, final ExecType type, final long quantity)
    {
        return tracker.onReport(report.executionReport(1, 1, id, type, Side.BUY, 100, quantity, 0, 0,
            RejectReason.NONE));
    }

    @Test
    void shouldWalkTheLifeCycleToFilled()
    {
        submit(4, 10);
        assertTrue(tracker.hasWorkingOrder(1));
        assertEquals(OrderState.ACKED, apply(4, ExecType.ACKED, 0));
        assertEquals(OrderState.PARTIALLY_FILLED, apply(4, ExecType.PARTIALLY_FILLED, 3));
        assertEquals(OrderState.FILLED, apply(4, ExecType.FILLED, 7));
        assertFalse(tracker.hasWorkingOrder(1));
        assertEquals(1, tracker.filledOrders());
        assertEquals(0, tracker.unexpectedReports());
    }

    @Test
    void shouldIgnoreReportsThatDoNotFitTheStateMachine()
    {
        submit(8, 10);
        assertEquals(OrderState.ACKED, apply(8, ExecType.ACKED, 0));
        assertNull(apply(8, ExecType.ACKED, 0), "a second ack");
        assertNull(apply(8, ExecType.REJECTED, 0), "a reject after an ack");
        assertEquals(OrderState.CANCELED, apply(8, ExecType.CANCELED, 0));
        assertNull(apply(8, ExecType.FILLED, 10), "a fill after the cancel");
        assertNull(apply(99, ExecType.FILLED, 1), "an order we never sent");
        assertEquals(4, tracker.unexpectedReports());
        assertEquals(1, tracker.canceled());
        assertFalse(tracker.hasWorkingOrder(1));
    }

    @Test
    void shouldListWorkingOrdersInIdOrder()
    {
        submit(12, 1);
        submit(4, 1);
        submit(8, 1);
        apply(8, ExecType.REJECTED, 0);
        final long[] ids = new long[4];
        assertEquals(2, tracker.workingOrderIds(ids));
        assertEquals(4, ids[0]);
        assertEquals(12, ids[1]);
    }

    @Test
    void shouldHoldALostOrderAsUnknownUntilTheVenueSaysWhatHappened()
    {
        submit(9, 100);
        assertEquals(OrderState.UNKNOWN, apply(9, ExecType.UNKNOWN, 0));
        assertEquals(true, tracker.hasWorkingOrder(1), "an UNKNOWN order still counts as working (credit, cancels)");
        assertEquals(OrderState.FILLED, apply(9, ExecType.FILLED, 100), "resolved by query: it had filled");
        assertEquals(false, tracker.hasWorkingOrder(1));
        submit(10, 100);
        apply(10, ExecType.UNKNOWN, 0);
        assertEquals(OrderState.REJECTED, apply(10, ExecType.REJECTED, 0), "the venue never saw it");
        submit(11, 100);
        apply(11, ExecType.FILLED, 100);
        assertEquals(null, apply(11, ExecType.UNKNOWN, 0), "a finished order cannot become unknown");
    }
}
