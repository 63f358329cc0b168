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
 *   <li>an order reaches the exchange {@code latencyNs} after it was decided (order plus market-data latency, in event
 *       time): it is applied before the first market event at or after that instant; cancels too;</li>
 *   <li>every order is acknowledged first (ACKED);</li>
 *   <li>a market order walks the opposite side level by level at each level's price (taker fee); liquidity it
 *       takes is removed from the copy until the next book update, so two orders never share it; what the book
 *       cannot fill is canceled with {@link RejectReason#NO_LIQUIDITY};</li>
 *   <li>a limit order takes what is marketable at or better than its price, then rests with an estimated queue
 *       position: FIFO behind the size displayed at its price when it arrived (nothing ahead when it improves the
 *       touch). Trades at its price consume the queue ahead first, then fill it; cancels ahead of it (a displayed size
 *       decrease the trades do not explain) advance it in proportion to its share of the level; a trade through its
 *       price fills it. A trade's quantity is shared among our resting orders in arrival order, so two of ours never
 *       fill from the same liquidity. Resting fills pay the maker fee.</li>
 * </ul>
 * For bar-only data (an instrument that has bars but no book), an order fills at the <em>next</em> bar: a market
 * order at its open, a limit order at its limit (or the open, if better) when the bar trades through it; there is no
 * look-ahead into the bar that triggered the decision. Reports are stamped with the exchange's time (the last market
 * event or order arrival). Single-threaded; allocation-free after start.
 */
public final class SimExchange implements Matcher
{
    private static final int MAX_RESTING = 1024;
    private static final int MAX_PENDING = 4096;

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
    /** Displayed quantity ahead of the order at its price (estimated). */
    private final long[] restingQueueAhead = new long[MAX_RESTING];
    /** Displayed quantity at the order's price when last seen; -1 when not known. */
    private final long[] restingLevelSize = new long[MAX_RESTING];
    /** Trade quantity printed at the order's price since the book last showed that level. */
    private final long[] restingTraded = new long[MAX_RESTING];
    private final long latencyNs;
    private final InFlightOrders inFlight = new InFlightOrders(MAX_PENDING);
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
        this(instruments, bookDepth, makerFeeCentiBps, takerFeeCentiBps, 0);
    }

    /**
     * @param instruments       instrument specs, id = index.
     * @param bookDepth         levels kept per side.
     * @param makerFeeCentiBps  maker fee rate, hundredths of a bp.
     * @param takerFeeCentiBps  taker fee rate, hundredths of a bp.
     * @param latencyNs         from decision to the exchange applying an order or cancel, event time.
     */
    public SimExchange(
        final List<InstrumentSpec> instruments, final int bookDepth, final long makerFeeCentiBps,
        final long takerFeeCentiBps, final long latencyNs)
    {
        if (latencyNs < 0)
        {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.latencyNs = latencyNs;
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.makerFeeCentiBps = makerFeeCentiBps;
        this.takerFeeCentiBps = takerFeeCentiBps;
        this.book = new LevelBook(specs.length, bookDepth);
        this.hasBars = new boolean[specs.length];
    }

    /** Applies orders that have arrived by this event's time, then updates the book and fills resting orders. */
    @Override
    public void onMarketEvent(final Event event, final EventSink reports)
    {
        while (inFlight.due(event.timestampNs))
        {
            nowNs = Math.max(nowNs, inFlight.nextArrivalNs());
            apply(inFlight.poll(), reports);
        }
        final int id = event.instrumentId;
        nowNs = Math.max(nowNs, event.timestampNs);
        if (id < 0 || id >= specs.length)
        {
            return;
        }
        if (event.type == EventType.TRADE)
        {
            matchResting(id, event.side, event.price, event.quantity, reports);
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
        else if (book.apply(event))
        {
            onBookChange(id);
        }
    }

    /** Takes an order intent: applied now without latency, else when its arrival time comes. */
    @Override
    public void onOrder(final Event intent, final EventSink reports)
    {
        ordersReceived++;
        if (latencyNs == 0)
        {
            apply(intent, reports);
            return;
        }
        if (!inFlight.add(intent, intent.timestampNs + latencyNs))
        {
            reports.onEvent(report.executionReport(nowNs, intent.instrumentId, intent.clientOrderId,
                ExecType.REJECTED, intent.side, 0, 0, 0, 0, RejectReason.INVALID_ORDER)); // venue overloaded
        }
    }

    /**
     * Applies every order and cancel still on its way, each at its arrival time: the market has stopped (end of a
     * replay, or shutdown) and nothing else will carry them in.
     */
    public void drain(final EventSink reports)
    {
        while (inFlight.size() > 0)
        {
            nowNs = Math.max(nowNs, inFlight.nextArrivalNs());
            apply(inFlight.poll(), reports);
        }
    }

    /** @return orders and cancels on their way to the exchange. */
    public int pendingCount()
    {
        return inFlight.size();
    }

    private void apply(final Event intent, final EventSink reports)
    {
        if (intent.command == OperatorCommand.CANCEL_ALL)
        {
            cancel(intent.clientOrderId, reports);
            return;
        }
        if (intent.command == OperatorCommand.REPLACE && !cancel(intent.value, reports))
        {
            reports.onEvent(report.executionReport(nowNs, intent.instrumentId, intent.clientOrderId,
                ExecType.REJECTED, intent.side, 0, 0, 0, 0, RejectReason.UNKNOWN_ORDER)); // nothing left to replace
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
        restingTraded[slot] = 0;
        final long displayed = atBar ? -1 : sizeAt(id, side, price);
        restingLevelSize[slot] = displayed;
        restingQueueAhead[slot] = Math.max(0, displayed); // FIFO behind what is displayed; nothing if we improve
    }

    /**
     * @return the displayed quantity at {@code price} on {@code side}: 0 when the price is inside the visible range
     *         but not shown (nothing there), -1 when it lies beyond the visible depth (not known).
     */
    private long sizeAt(final int id, final Side side, final long price)
    {
        final long[] prices = book.prices(id, side);
        final long[] sizes = book.quantities(id, side);
        long worst = 0;
        for (int level = 0; level < book.depth(); level++)
        {
            if (prices[level] == price && sizes[level] > 0)
            {
                return sizes[level];
            }
            if (prices[level] > 0 && sizes[level] > 0)
            {
                worst = prices[level];
            }
        }
        final boolean inside = worst > 0 && (side == Side.BUY ? price >= worst : price <= worst);
        return inside || worst == 0 ? 0 : -1;
    }

    /**
     * The book of an instrument changed: a displayed decrease at a resting order's price that its trades do not
     * explain is cancels, which advance the order in proportion to its share of the level.
     */
    private void onBookChange(final int id)
    {
        for (int slot = 0; slot < restingCount; slot++)
        {
            if (restingInstrument[slot] != id || restingAtBar[slot])
            {
                continue;
            }
            final long now = sizeAt(id, restingSide[slot], restingPrice[slot]);
            if (now < 0)
            {
                continue; // the price is beyond the visible depth: nothing learned
            }
            final long before = restingLevelSize[slot];
            if (before > 0 && now < before)
            {
                final long decrease = before - now;
                final long cancels = decrease - Math.min(decrease, restingTraded[slot]);
                final long ahead = restingQueueAhead[slot];
                restingQueueAhead[slot] = Math.max(0, ahead - (long)Math.floor((double)cancels * ahead / before));
            }
            restingQueueAhead[slot] = Math.min(restingQueueAhead[slot], now);
            restingLevelSize[slot] = now;
            restingTraded[slot] = 0;
        }
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

    /**
     * A trade printed: through a resting order's price it fills the order; at its price (the aggressor on the other
     * side, or unknown) it first consumes the queue ahead. Our orders share the trade's quantity in arrival order.
     */
    private void matchResting(
        final int id, final Side aggressor, final long tradePrice, final long tradeQuantity, final EventSink reports)
    {
        long remaining = tradeQuantity;
        int slot = 0;
        while (slot < restingCount && remaining > 0)
        {
            if (restingInstrument[slot] != id || restingAtBar[slot])
            {
                slot++;
                continue;
            }
            final Side side = restingSide[slot];
            final long price = restingPrice[slot];
            final boolean through = side == Side.BUY ? tradePrice < price : tradePrice > price;
            final boolean atLevel = tradePrice == price && aggressor != side;
            if (!through && !atLevel)
            {
                slot++;
                continue;
            }
            if (atLevel)
            {
                restingTraded[slot] += tradeQuantity;
                final long ahead = Math.min(restingQueueAhead[slot], remaining);
                restingQueueAhead[slot] -= ahead;
                remaining -= ahead;
                if (remaining == 0)
                {
                    slot++;
                    continue;
                }
            }
            final long fill = Math.min(restingLeaves[slot], remaining);
            remaining -= fill;
            restingLeaves[slot] -= fill;
            final long leaves = restingLeaves[slot];
            final long orderId = restingId[slot];
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

    /** @return true when the order was resting and is now canceled. */
    private boolean cancel(final long orderId, final EventSink reports)
    {
        for (int slot = 0; slot < restingCount; slot++)
        {
            if (restingId[slot] == orderId)
            {
                cancelSlot(slot, reports);
                return true;
            }
        }
        return false; // unknown or already finished: the OMS already knows its final state
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
        System.arraycopy(restingQueueAhead, slot + 1, restingQueueAhead, slot, tail);
        System.arraycopy(restingLevelSize, slot + 1, restingLevelSize, slot, tail);
        System.arraycopy(restingTraded, slot + 1, restingTraded, slot, tail);
        restingCount--;
    }

    /** @return orders resting on the book. */
    @Override
    public int restingCount()
    {
        return restingCount;
    }

    /** @return order requests received (new and cancel): a rejected-by-risk order never counts here. */
    @Override
    public long ordersReceived()
    {
        return ordersReceived;
    }
}
