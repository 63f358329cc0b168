package io.keel.execution;

import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.OrderType;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;

/**
 * The order state machine: NEW → ACKED → PARTIALLY_FILLED → FILLED, or CANCELED / REJECTED / EXPIRED, with UNKNOWN
 * for orders whose fate the venue has not told. Tracks working orders by client order id; a report for an unknown
 * or finished order, or an impossible transition, is counted and ignored (it never corrupts state).
 *
 * <p>Single-threaded (decision thread). Orders come from a preallocated pool; steady state allocates nothing.
 */
public final class OrderTracker implements io.keel.core.decision.WorkingOrdersView
{
    /** One tracked order; read-only outside this class. */
    public static final class Order
    {
        long clientOrderId;
        int instrumentId;
        Side side;
        OrderType orderType;
        long price;
        long quantity;
        long filled;
        OrderState state;

        /** @return the client order id. */
        public long clientOrderId()
        {
            return clientOrderId;
        }

        /** @return the instrument. */
        public int instrumentId()
        {
            return instrumentId;
        }

        /** @return the state. */
        public OrderState state()
        {
            return state;
        }

        /** @return quantity filled so far. */
        public long filled()
        {
            return filled;
        }
    }

    private final Long2ObjectHashMap<Order> working = new Long2ObjectHashMap<>();
    private final ArrayDeque<Order> pool = new ArrayDeque<>();
    private final int[] workingPerInstrument;
    private long submitted;
    private long filledOrders;
    private long canceled;
    private long rejected;
    private long unexpectedReports;

    /** @param instruments number of instruments (ids 0..n-1). */
    public OrderTracker(final int instruments)
    {
        workingPerInstrument = new int[instruments];
        for (int i = 0; i < 256; i++)
        {
            pool.add(new Order());
        }
    }

    /** Records an order intent that is about to be sent: state NEW. */
    public void onSubmit(final Event intent)
    {
        final Order order = pool.isEmpty() ? new Order() : pool.poll();
        order.clientOrderId = intent.clientOrderId;
        order.instrumentId = intent.instrumentId;
        order.side = intent.side;
        order.orderType = intent.orderType;
        order.price = intent.price;
        order.quantity = intent.quantity;
        order.filled = 0;
        order.state = OrderState.NEW;
        working.put(intent.clientOrderId, order);
        workingPerInstrument[intent.instrumentId]++;
        submitted++;
    }

    /**
     * Applies an execution report.
     *
     * @return the order's new state, or null when the report was unexpected (unknown order, bad transition).
     */
    public OrderState onReport(final Event report)
    {
        final Order order = working.get(report.clientOrderId);
        if (order == null)
        {
            unexpectedReports++;
            return null;
        }
        final OrderState next = switch (report.execType)
        {
            case ACKED -> order.state == OrderState.NEW || order.state == OrderState.UNKNOWN ? OrderState.ACKED : null;
            case PARTIALLY_FILLED -> OrderState.PARTIALLY_FILLED; // also resolves UNKNOWN
            case FILLED -> OrderState.FILLED;
            case CANCELED -> OrderState.CANCELED;
            case REJECTED -> order.state == OrderState.NEW || order.state == OrderState.UNKNOWN ?
                OrderState.REJECTED : null;
            case EXPIRED -> OrderState.EXPIRED;
            case UNKNOWN -> order.state == OrderState.NEW || order.state == OrderState.ACKED ||
                order.state == OrderState.PARTIALLY_FILLED ? OrderState.UNKNOWN : null;
            default -> null;
        };
        if (next == null)
        {
            unexpectedReports++;
            return null;
        }
        if (report.execType == io.keel.core.event.ExecType.PARTIALLY_FILLED ||
            report.execType == io.keel.core.event.ExecType.FILLED)
        {
            order.filled += report.quantity;
            if (order.filled > order.quantity)
            {
                unexpectedReports++;
            }
        }
        order.state = next;
        if (next.isTerminal())
        {
            finish(order);
        }
        return next;
    }

    private void finish(final Order order)
    {
        switch (order.state)
        {
            case FILLED -> filledOrders++;
            case CANCELED, EXPIRED -> canceled++;
            case REJECTED -> rejected++;
            default ->
            {
            }
        }
        working.remove(order.clientOrderId);
        workingPerInstrument[order.instrumentId]--;
        pool.add(order);
    }

    /** @return true when the instrument has an order that is not finished. */
    public boolean hasWorkingOrder(final int instrumentId)
    {
        return workingPerInstrument[instrumentId] > 0;
    }

    /** @return the working order with this id, or null. */
    public Order get(final long clientOrderId)
    {
        return working.get(clientOrderId);
    }

    /**
     * Copies the ids of working orders into {@code ids} in ascending order (deterministic).
     *
     * @return how many were copied.
     */
    public int workingOrderIds(final long[] ids)
    {
        int count = 0;
        final Long2ObjectHashMap<Order>.KeyIterator keys = working.keySet().iterator();
        while (keys.hasNext() && count < ids.length)
        {
            ids[count++] = keys.nextLong();
        }
        java.util.Arrays.sort(ids, 0, count);
        return count;
    }

    @Override
    public void forEachWorking(final io.keel.core.decision.WorkingOrdersView.Visitor visitor)
    {
        final Long2ObjectHashMap<Order>.ValueIterator orders = working.values().iterator();
        while (orders.hasNext())
        {
            final Order order = orders.next();
            visitor.visit(order.instrumentId, order.side, order.price, order.quantity - order.filled);
        }
    }

    /** @return number of working orders. */
    public int workingCount()
    {
        return working.size();
    }

    /** @return orders submitted. */
    public long submitted()
    {
        return submitted;
    }

    /** @return orders completely filled. */
    public long filledOrders()
    {
        return filledOrders;
    }

    /** @return orders canceled or expired. */
    public long canceled()
    {
        return canceled;
    }

    /** @return orders rejected by the venue. */
    public long rejected()
    {
        return rejected;
    }

    /** @return reports that did not fit any tracked order's state. */
    public long unexpectedReports()
    {
        return unexpectedReports;
    }
}
