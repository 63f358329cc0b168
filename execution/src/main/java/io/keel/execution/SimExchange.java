package io.keel.execution;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.book.LevelBook;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;

import java.util.List;

/**
 * The simulated exchange for paper trading and backtests. It keeps its own copy of each instrument's L2 book (from
 * BOOK_LEVEL or QUOTE events) and fills our orders against it:
 * <ul>
 *   <li>every order is acknowledged first (ACKED);</li>
 *   <li>a market order walks the opposite side level by level at each level's price (taker fee); liquidity it
 *       takes is removed from the copy until the next book update, so two orders never share it; what the book
 *       cannot fill is canceled with {@link RejectReason#NO_LIQUIDITY};</li>
 *   <li>a limit order takes what is marketable at or better than its price, then rests; a resting order fills at
 *       its price when a trade prints through it (strictly better than its price), up to the trade's size
 *       (maker fee).</li>
 * </ul>
 * For bar-only data (an instrument that has bars but no book), an order fills at the <em>next</em> bar: a market
 * order at its open, a limit order at its limit (or the open, if better) when the bar trades through it; there is no
 * look-ahead into the bar that triggered the decision. Reports are stamped with the time of the last market event.
 * Single-threaded; allocation-free after start.
 */
public final class SimExchange
{
    private static final int MAX_RESTING = 1024;

    private final InstrumentSpec[] specs;
    private final LevelBook book;
    private final long makerFeeCentiBps;
    private final long takerFeeCentiBps;
    private final long[] restingId = new long[MAX_RESTING];
    private final int[] restingInstrument = new int[MAX_RESTING];
    private final Side[] restingSide = new Side[MAX_RESTING];
    private final long[] restingPrice = new long[MAX_RESTING];
    private final long[] restingLeaves = new long[MAX_RESTING];
    private final boolean[] restingAtBar = new boolean[MAX_RESTING];
    private final boolean[] hasBars;
    private int restingCount;
    private final Event report = new Event();
    private long nowNs;
    private long ordersReceived;

    /**
     * @param instruments       instrument specs, id = index.
     * @param bookDepth         levels kept per side.
     * @param makerFeeCentiBps  maker fee rate, hundredths of a bp.
     * @param takerFeeCentiBps  taker fee rate, hundredths of a bp.
     */
    public SimExchange(
        final List<InstrumentSpec> instruments, final int bookDepth, final long makerFeeCentiBps,
        final long takerFeeCentiBps)
    {
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.makerFeeCentiBps = makerFeeCentiBps;
        this.takerFeeCentiBps = takerFeeCentiBps;
        this.book = new LevelBook(specs.length, bookDepth);
        this.hasBars = new boolean[specs.length];
    }

    /** Updates the book from a market event and fills resting orders a trade prints through. */
    public void onMarketEvent(final Event event, final EventSink reports)
    {
        final int id = event.instrumentId;
        nowNs = Math.max(nowNs, event.timestampNs);
        if (id < 0 || id >= specs.length)
        {
            return;
        }
        if (event.type == EventType.TRADE)
        {
            matchResting(id, event.price, event.quantity, reports);
        }
        else if (event.type == EventType.BAR)
        {
            hasBars[id] = true;
            fillAtBar(id, event, reports);
        }
        else if (event.type == EventType.CORPORATE_ACTION)
        {
            cancelResting(id, reports); // resting prices are in pre-split terms: the venue cancels them
        }
        else
        {
            book.apply(event);
        }
    }

    /** Handles an order intent: a new order, or a cancel (command CANCEL_ALL with the order's id). */
    public void onOrder(final Event intent, final EventSink reports)
    {
        ordersReceived++;
        if (intent.command == OperatorCommand.CANCEL_ALL)
        {
            cancel(intent.clientOrderId, reports);
            return;
        }
        final int id = intent.instrumentId;
        if (id < 0 || id >= specs.length || intent.quantity <= 0 || intent.side == Side.NONE ||
            (intent.orderType == OrderType.LIMIT && intent.price <= 0))
        {
            reports.onEvent(report.executionReport(nowNs, id, intent.clientOrderId, ExecType.REJECTED, intent.side,
                0, 0, 0, 0, RejectReason.INVALID_ORDER));
            return;
        }
        reports.onEvent(report.executionReport(nowNs, id, intent.clientOrderId, ExecType.ACKED, intent.side, 0, 0,
            intent.quantity, 0, RejectReason.NONE));
        final long limit = intent.orderType == OrderType.LIMIT ? intent.price : 0;
        if (hasBars[id] && book.bestBid(id) <= 0 && book.bestAsk(id) <= 0)
        {
            rest(id, intent.clientOrderId, intent.side, limit, intent.quantity, true);
            return; // bar-only data: fills at the next bar
        }
        final long leaves = take(id, intent.clientOrderId, intent.side, intent.quantity, limit, reports);
        if (leaves == 0)
        {
            return;
        }
        if (intent.orderType == OrderType.LIMIT && restingCount < MAX_RESTING)
        {
            rest(id, intent.clientOrderId, intent.side, intent.price, leaves, false);
            return;
        }
        reports.onEvent(report.executionReport(nowNs, id, intent.clientOrderId, ExecType.CANCELED, intent.side, 0, 0,
            0, 0, RejectReason.NO_LIQUIDITY));
    }

    private long take(
        final int id, final long orderId, final Side side, final long quantity, final long limit,
        final EventSink reports)
    {
        final Side opposite = side == Side.BUY ? Side.SELL : Side.BUY;
        final long[] prices = book.prices(id, opposite);
        final long[] sizes = book.quantities(id, opposite);
        long leaves = quantity;
        for (int level = 0; level < book.depth() && leaves > 0; level++)
        {
            final long price = prices[level];
            final long available = sizes[level];
            if (price <= 0 || available <= 0)
            {
                continue;
            }
            if (limit > 0 && (side == Side.BUY ? price > limit : price < limit))
            {
                break;
            }
            final long fill = Math.min(leaves, available);
            sizes[level] = available - fill;
            leaves -= fill;
            fill(id, orderId, side, price, fill, leaves, takerFeeCentiBps, reports);
        }
        return leaves;
    }

    private void rest(
        final int id, final long orderId, final Side side, final long price, final long leaves, final boolean atBar)
    {
        if (restingCount == MAX_RESTING)
        {
            return;
        }
        final int slot = restingCount++;
        restingId[slot] = orderId;
        restingInstrument[slot] = id;
        restingSide[slot] = side;
        restingPrice[slot] = price; // 0: a market order waiting for the next bar's open
        restingLeaves[slot] = leaves;
        restingAtBar[slot] = atBar;
    }

    private void fillAtBar(final int id, final Event bar, final EventSink reports)
    {
        int slot = 0;
        while (slot < restingCount)
        {
            if (restingInstrument[slot] != id || !restingAtBar[slot])
            {
                slot++;
                continue;
            }
            final long limit = restingPrice[slot];
            final Side side = restingSide[slot];
            final long price;
            if (limit == 0)
            {
                price = bar.open;
            }
            else if (side == Side.BUY ? bar.low < limit : bar.high > limit)
            {
                price = side == Side.BUY ? Math.min(limit, bar.open) : Math.max(limit, bar.open);
            }
            else
            {
                slot++;
                continue;
            }
            final long orderId = restingId[slot];
            final long quantity = restingLeaves[slot];
            removeResting(slot);
            fill(id, orderId, side, price, quantity, 0, limit == 0 || price == bar.open ? takerFeeCentiBps :
                makerFeeCentiBps, reports);
        }
    }

    private void matchResting(final int id, final long tradePrice, final long tradeQuantity, final EventSink reports)
    {
        long remaining = tradeQuantity;
        int slot = 0;
        while (slot < restingCount && remaining > 0)
        {
            final boolean through = restingInstrument[slot] == id && !restingAtBar[slot] &&
                (restingSide[slot] == Side.BUY ? tradePrice < restingPrice[slot] : tradePrice > restingPrice[slot]);
            if (!through)
            {
                slot++;
                continue;
            }
            final long fill = Math.min(restingLeaves[slot], remaining);
            remaining -= fill;
            restingLeaves[slot] -= fill;
            final long leaves = restingLeaves[slot];
            final long orderId = restingId[slot];
            final Side side = restingSide[slot];
            final long price = restingPrice[slot];
            if (leaves == 0)
            {
                removeResting(slot);
            }
            else
            {
                slot++;
            }
            fill(id, orderId, side, price, fill, leaves, makerFeeCentiBps, reports);
        }
    }

    private void fill(
        final int id, final long orderId, final Side side, final long price, final long quantity, final long leaves,
        final long feeRate, final EventSink reports)
    {
        final InstrumentSpec spec = specs[id];
        final long fee = FixedPoint.fee(FixedPoint.notionalExact(price, spec.priceScale(), quantity,
            spec.quantityScale()), feeRate);
        reports.onEvent(report.executionReport(nowNs, id, orderId,
            leaves == 0 ? ExecType.FILLED : ExecType.PARTIALLY_FILLED, side, price, quantity, leaves, fee,
            RejectReason.NONE));
    }

    private void cancel(final long orderId, final EventSink reports)
    {
        for (int slot = 0; slot < restingCount; slot++)
        {
            if (restingId[slot] == orderId)
            {
                cancelSlot(slot, reports);
                return;
            }
        }
        // Unknown or already finished: nothing rests under that id; the OMS already knows its final state.
    }

    private void cancelResting(final int id, final EventSink reports)
    {
        int slot = 0;
        while (slot < restingCount)
        {
            if (restingInstrument[slot] == id)
            {
                cancelSlot(slot, reports);
            }
            else
            {
                slot++;
            }
        }
    }

    private void cancelSlot(final int slot, final EventSink reports)
    {
        final int id = restingInstrument[slot];
        final long orderId = restingId[slot];
        final Side side = restingSide[slot];
        removeResting(slot);
        reports.onEvent(report.executionReport(nowNs, id, orderId, ExecType.CANCELED, side, 0, 0, 0, 0,
            RejectReason.NONE));
    }

    private void removeResting(final int slot)
    {
        // Keep arrival order (time priority) by shifting; the resting set is small.
        final int tail = restingCount - slot - 1;
        System.arraycopy(restingId, slot + 1, restingId, slot, tail);
        System.arraycopy(restingInstrument, slot + 1, restingInstrument, slot, tail);
        System.arraycopy(restingSide, slot + 1, restingSide, slot, tail);
        System.arraycopy(restingPrice, slot + 1, restingPrice, slot, tail);
        System.arraycopy(restingLeaves, slot + 1, restingLeaves, slot, tail);
        System.arraycopy(restingAtBar, slot + 1, restingAtBar, slot, tail);
        restingCount--;
    }

    /** @return orders resting on the book. */
    public int restingCount()
    {
        return restingCount;
    }

    /** @return order requests received (new and cancel): a rejected-by-risk order never counts here. */
    public long ordersReceived()
    {
        return ordersReceived;
    }
}
