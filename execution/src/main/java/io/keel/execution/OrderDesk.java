package io.keel.execution;

import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;

import java.util.List;

/**
 * The decision chain's order desk: it sends the chain's orders and cancels as intents (client ids derived from the
 * triggering event's sequence, so a replay regenerates them), keeps at most one working order per instrument and
 * cancels it once it outlives {@code execution.orderTimeoutMs}, and books every execution report into the order state
 * machine ({@link OrderTracker}) and the {@link Portfolio}.
 *
 * <p>Single-threaded (the decision thread); allocation-free.
 */
public final class OrderDesk
{
    /** Client order id of the journaled opening balances of a live run (never an order's id: those are > 0). */
    public static final long OPENING_BALANCE_ID = 0;

    /** What a report did to the book. */
    public enum ReportEffect
    {
        /** Not ours, or a state change with no money in it (ack, cancel). */
        NONE,
        /** A fill booked into the portfolio. */
        FILL,
        /** The venue rejected an order. */
        REJECT,
        /** Opening balances or a fee paid in kind, booked. */
        BOOKED
    }

    private final OrderTracker orders;
    private final Portfolio portfolio;
    private final EventSink intents;
    private final Event intent = new Event();
    private final long[] cancelIds = new long[1024];
    private final long orderTimeoutNs;
    private final long[] workingOrderId;
    private final long[] workingSinceNs;
    private final boolean[] cancelSent;
    private long timeoutCancels;
    private long sent;
    private long fills;
    private OrderState lastState;

    /**
     * @param instruments    the book's instruments, by id.
     * @param initialCash    the book's cash at the start, in money units.
     * @param orderTimeoutMs a working order is canceled once this old (0: never).
     * @param intents        where orders and cancels go (journal, then gateway); the event is reused after the call.
     */
    public OrderDesk(final List<InstrumentSpec> instruments, final long initialCash, final long orderTimeoutMs,
        final EventSink intents)
    {
        this.orders = new OrderTracker(instruments.size());
        this.portfolio = new Portfolio(instruments, initialCash);
        this.intents = intents;
        this.orderTimeoutNs = orderTimeoutMs * 1_000_000L;
        this.workingOrderId = new long[instruments.size()];
        this.workingSinceNs = new long[instruments.size()];
        this.cancelSent = new boolean[instruments.size()];
    }

    /** @return the client order id of the {@code ordinal}-th order a trigger causes: a replay regenerates it. */
    public static long clientOrderId(final long triggerSequence, final int ordinal)
    {
        return (triggerSequence << 2) | ordinal;
    }

    /** @return true while an instrument has a working order (no new one is sent until it is done). */
    public boolean hasWorkingOrder(final int id)
    {
        return orders.hasWorkingOrder(id);
    }

    /**
     * Sends a new order as an intent stamped with its trigger, and tracks it as the instrument's working order.
     *
     * @param price limit price in price units, 0 for a market order.
     * @return its client order id.
     */
    public long send(final Event trigger, final int id, final Side side, final OrderType type, final long price,
        final long quantity)
    {
        return submit(trigger, id, side, type, price, quantity, 0, 0);
    }

    /**
     * Sends a child order an execution algorithm works for a parent: an intent naming the parent, its client id the
     * trigger's with {@code ordinal}.
     *
     * @return its client order id.
     */
    public long sendChild(final Event trigger, final int id, final Side side, final OrderType type, final long price,
        final long quantity, final int ordinal, final long parentOrderId)
    {
        return submit(trigger, id, side, type, price, quantity, ordinal, parentOrderId);
    }

    private long submit(final Event trigger, final int id, final Side side, final OrderType type, final long price,
        final long quantity, final int ordinal, final long parentOrderId)
    {
        final long clientOrderId = clientOrderId(trigger.sequence, ordinal);
        intent.reset();
        intent.type = EventType.ORDER_INTENT;
        intent.sequence = trigger.sequence;
        intent.timestampNs = trigger.timestampNs;
        intent.instrumentId = id;
        intent.clientOrderId = clientOrderId;
        intent.parentOrderId = parentOrderId;
        intent.side = side;
        intent.orderType = type;
        intent.price = price;
        intent.quantity = quantity;
        orders.onSubmit(intent);
        workingOrderId[id] = clientOrderId;
        workingSinceNs[id] = trigger.timestampNs;
        cancelSent[id] = false;
        sent++;
        intents.onEvent(intent);
        return clientOrderId;
    }

    /**
     * Cancels the instrument's working order once it outlived the timeout, or at once when {@code now} (the session's
     * close-out window). Once per order.
     */
    public void cancelIfTimedOut(final Event trigger, final int id, final boolean now)
    {
        if (cancelSent[id] || !now && (orderTimeoutNs == 0 ||
            trigger.timestampNs - workingSinceNs[id] < orderTimeoutNs))
        {
            return;
        }
        final OrderTracker.Order order = orders.get(workingOrderId[id]);
        if (order == null)
        {
            return; // not ours (should not happen): leave it to the operator's cancel-all
        }
        cancelSent[id] = true;
        timeoutCancels += now ? 0 : 1;
        cancel(trigger, order);
    }

    /** Cancels every working order, stamped with the event that caused it. */
    public void cancelAll(final Event cause)
    {
        final int count = orders.workingOrderIds(cancelIds);
        for (int i = 0; i < count; i++)
        {
            cancel(cause, orders.get(cancelIds[i]));
        }
    }

    /** Cancels every working order of one instrument. */
    public void cancelInstrument(final Event cause, final int id)
    {
        final int count = orders.workingOrderIds(cancelIds);
        for (int i = 0; i < count; i++)
        {
            final OrderTracker.Order order = orders.get(cancelIds[i]);
            if (order.instrumentId() == id)
            {
                cancel(cause, order);
            }
        }
    }

    /** @return true when the order was ours and working, and a cancel of it was sent. */
    public boolean cancelOrder(final Event cause, final long clientOrderId)
    {
        final OrderTracker.Order order = orders.get(clientOrderId);
        if (order == null)
        {
            return false;
        }
        cancel(cause, order);
        return true;
    }

    private void cancel(final Event cause, final OrderTracker.Order order)
    {
        intent.reset();
        intent.type = EventType.ORDER_INTENT;
        intent.sequence = cause.sequence;
        intent.timestampNs = cause.timestampNs;
        intent.instrumentId = order.instrumentId();
        intent.clientOrderId = order.clientOrderId();
        intent.command = OperatorCommand.CANCEL_ALL;
        intents.onEvent(intent);
    }

    /** Books an execution report: opening balances, fees in kind, the order's state, its fill. */
    public ReportEffect onReport(final Event report)
    {
        lastState = null;
        if (report.clientOrderId == OPENING_BALANCE_ID && report.execType == ExecType.FILLED)
        {
            // a live run opens its book where the venue is: the position bought at the venue's price, fee-free, out
            // of an initial cash that includes its value, so cash equals the venue's balance
            portfolio.onFill(report.instrumentId, report.side, report.price, report.quantity, 0);
            return ReportEffect.BOOKED;
        }
        if (report.execType == ExecType.FEE_IN_KIND)
        {
            portfolio.onFeeInKind(report.instrumentId, report.price, report.quantity);
            return ReportEffect.BOOKED;
        }
        final OrderState state = orders.onReport(report);
        lastState = state;
        if (state == null)
        {
            return ReportEffect.NONE;
        }
        if ((report.execType == ExecType.PARTIALLY_FILLED || report.execType == ExecType.FILLED) &&
            report.quantity > 0)
        {
            portfolio.onFill(report.instrumentId, report.side, report.price, report.quantity, report.fee);
            fills++;
            return ReportEffect.FILL;
        }
        return report.execType == ExecType.REJECTED ? ReportEffect.REJECT : ReportEffect.NONE;
    }

    /** @return the state the last report moved its order to; null when it was not an order's (or unexpected). */
    public OrderState lastReportState()
    {
        return lastState;
    }

    /** @return the order state machine. */
    public OrderTracker orders()
    {
        return orders;
    }

    /** @return the book's portfolio. */
    public Portfolio portfolio()
    {
        return portfolio;
    }

    /** @return working orders canceled because they outlived {@code execution.orderTimeoutMs}. */
    public long timeoutCancels()
    {
        return timeoutCancels;
    }

    /** @return new orders sent. */
    public long sent()
    {
        return sent;
    }

    /** @return fills booked. */
    public long fills()
    {
        return fills;
    }
}
