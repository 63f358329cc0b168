package io.keel.execution;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The plain reference the fast {@link SimExchange} is checked against: the same rules written the obvious way, with
 * objects and lists, allocation and all. Not for production use.
 */
final class ReferenceMatcher implements Matcher
{
    private static final class Level
    {
        long price;
        long size;
    }

    private static final class Order
    {
        long id;
        int instrument;
        Side side;
        long price;
        long leaves;
        boolean atBar;
        long ahead;
        long levelSize;
        long traded;
    }

    private final List<InstrumentSpec> specs;
    private final int depth;
    private final long maker;
    private final long taker;
    private final long latencyNs;
    private final List<Level[]> bids = new ArrayList<>();
    private final List<Level[]> asks = new ArrayList<>();
    private final boolean[] hasBars;
    private final List<Order> resting = new ArrayList<>();
    private final List<Event> pending = new ArrayList<>();
    private long now;
    private long received;

    ReferenceMatcher(final List<InstrumentSpec> specs, final int depth, final long maker, final long taker,
        final long latencyNs)
    {
        this.specs = specs;
        this.depth = depth;
        this.maker = maker;
        this.taker = taker;
        this.latencyNs = latencyNs;
        this.hasBars = new boolean[specs.size()];
        for (int i = 0; i < specs.size(); i++)
        {
            bids.add(levels());
            asks.add(levels());
        }
    }

    private Level[] levels()
    {
        final Level[] levels = new Level[depth];
        for (int i = 0; i < depth; i++)
        {
            levels[i] = new Level();
        }
        return levels;
    }

    private Level[] side(final int id, final Side side)
    {
        return side == Side.BUY ? bids.get(id) : asks.get(id);
    }

    private void report(final EventSink sink, final int id, final long orderId, final ExecType type, final Side side,
        final long price, final long quantity, final long leaves, final long fee, final RejectReason reason)
    {
        sink.onEvent(new Event().executionReport(now, id, orderId, type, side, price, quantity, leaves, fee, reason));
    }

    private void fill(final EventSink sink, final Order o, final long price, final long quantity, final long rate)
    {
        o.leaves -= quantity;
        final InstrumentSpec spec = specs.get(o.instrument);
        final long fee = FixedPoint.fee(FixedPoint.notionalExact(price, spec.priceScale(), quantity,
            spec.quantityScale()), rate);
        report(sink, o.instrument, o.id, o.leaves == 0 ? ExecType.FILLED : ExecType.PARTIALLY_FILLED, o.side, price,
            quantity, o.leaves, fee, RejectReason.NONE);
    }

    @Override
    public void onMarketEvent(final Event event, final EventSink sink)
    {
        final List<Event> due = new ArrayList<>();
        for (final Iterator<Event> it = pending.iterator(); it.hasNext(); )
        {
            final Event order = it.next();
            if (order.timestampNs + latencyNs <= event.timestampNs)
            {
                due.add(order);
                it.remove();
            }
            else
            {
                break; // arrivals are in order: nothing after this one is due either
            }
        }
        for (final Event order : due)
        {
            now = Math.max(now, order.timestampNs + latencyNs);
            apply(order, sink);
        }
        now = Math.max(now, event.timestampNs);
        final int id = event.instrumentId;
        if (id < 0 || id >= specs.size())
        {
            return;
        }
        switch (event.type)
        {
            case TRADE -> trade(id, event, sink);
            case BAR -> bar(id, event, sink);
            case CORPORATE_ACTION ->
            {
                for (final Iterator<Order> it = resting.iterator(); it.hasNext(); )
                {
                    final Order o = it.next();
                    if (o.instrument == id)
                    {
                        it.remove();
                        report(sink, id, o.id, ExecType.CANCELED, o.side, 0, 0, 0, 0, RejectReason.NONE);
                    }
                }
            }
            case BOOK_LEVEL ->
            {
                if (event.level >= 0 && event.level < depth)
                {
                    final Level level = side(id, event.side)[event.level];
                    level.price = event.price;
                    level.size = event.quantity;
                    bookChanged(id);
                }
            }
            case QUOTE ->
            {
                bids.get(id)[0].price = event.bidPrice;
                bids.get(id)[0].size = event.bidQuantity;
                asks.get(id)[0].price = event.askPrice;
                asks.get(id)[0].size = event.askQuantity;
                bookChanged(id);
            }
            default ->
            {
            }
        }
    }

    /** Displayed size at a price: 0 inside the visible range and absent, -1 beyond it. */
    private long displayed(final int id, final Side side, final long price)
    {
        long worst = 0;
        for (final Level level : side(id, side))
        {
            if (level.price == price && level.size > 0)
            {
                return level.size;
            }
            if (level.price > 0 && level.size > 0)
            {
                worst = level.price;
            }
        }
        if (worst == 0)
        {
            return 0;
        }
        return (side == Side.BUY ? price >= worst : price <= worst) ? 0 : -1;
    }

    private void bookChanged(final int id)
    {
        for (final Order o : resting)
        {
            if (o.instrument != id || o.atBar)
            {
                continue;
            }
            final long size = displayed(id, o.side, o.price);
            if (size < 0)
            {
                continue;
            }
            if (o.levelSize > 0 && size < o.levelSize)
            {
                final long decrease = o.levelSize - size;
                final long cancels = decrease - Math.min(decrease, o.traded);
                o.ahead = Math.max(0, o.ahead - (long)Math.floor((double)cancels * o.ahead / o.levelSize));
            }
            o.ahead = Math.min(o.ahead, size);
            o.levelSize = size;
            o.traded = 0;
        }
    }

    private void trade(final int id, final Event t, final EventSink sink)
    {
        long remaining = t.quantity;
        for (final Iterator<Order> it = resting.iterator(); it.hasNext() && remaining > 0; )
        {
            final Order o = it.next();
            if (o.instrument != id || o.atBar)
            {
                continue;
            }
            final boolean through = o.side == Side.BUY ? t.price < o.price : t.price > o.price;
            final boolean atLevel = t.price == o.price && t.side != o.side;
            if (!through && !atLevel)
            {
                continue;
            }
            if (atLevel)
            {
                o.traded += t.quantity;
                final long ahead = Math.min(o.ahead, remaining);
                o.ahead -= ahead;
                remaining -= ahead;
                if (remaining == 0)
                {
                    continue;
                }
            }
            final long quantity = Math.min(o.leaves, remaining);
            remaining -= quantity;
            if (o.leaves == quantity)
            {
                it.remove();
            }
            fill(sink, o, o.price, quantity, maker);
        }
    }

    private void bar(final int id, final Event bar, final EventSink sink)
    {
        hasBars[id] = true;
        for (final Iterator<Order> it = resting.iterator(); it.hasNext(); )
        {
            final Order o = it.next();
            if (o.instrument != id || !o.atBar)
            {
                continue;
            }
            final long price;
            if (o.price == 0)
            {
                price = bar.open;
            }
            else if (o.side == Side.BUY ? bar.low < o.price : bar.high > o.price)
            {
                price = o.side == Side.BUY ? Math.min(o.price, bar.open) : Math.max(o.price, bar.open);
            }
            else
            {
                continue;
            }
            it.remove();
            fill(sink, o, price, o.leaves, o.price == 0 || price == bar.open ? taker : maker);
        }
    }

    @Override
    public void onOrder(final Event intent, final EventSink sink)
    {
        received++;
        if (latencyNs == 0)
        {
            apply(intent, sink);
        }
        else
        {
            pending.add(new Event().copyFrom(intent));
        }
    }

    private boolean cancel(final long id, final EventSink sink)
    {
        for (final Iterator<Order> it = resting.iterator(); it.hasNext(); )
        {
            final Order o = it.next();
            if (o.id == id)
            {
                it.remove();
                report(sink, o.instrument, o.id, ExecType.CANCELED, o.side, 0, 0, 0, 0, RejectReason.NONE);
                return true;
            }
        }
        return false;
    }

    private void apply(final Event intent, final EventSink sink)
    {
        if (intent.command == OperatorCommand.CANCEL_ALL)
        {
            cancel(intent.clientOrderId, sink);
            return;
        }
        if (intent.command == OperatorCommand.REPLACE && !cancel(intent.value, sink))
        {
            report(sink, intent.instrumentId, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, 0,
                RejectReason.UNKNOWN_ORDER);
            return;
        }
        final int id = intent.instrumentId;
        final boolean limit = intent.orderType == OrderType.LIMIT;
        if (id < 0 || id >= specs.size() || intent.quantity <= 0 || intent.side == Side.NONE ||
            limit && intent.price <= 0)
        {
            report(sink, id, intent.clientOrderId, ExecType.REJECTED, intent.side, 0, 0, 0, 0,
                RejectReason.INVALID_ORDER);
            return;
        }
        report(sink, id, intent.clientOrderId, ExecType.ACKED, intent.side, 0, 0, intent.quantity, 0,
            RejectReason.NONE);
        final Order o = new Order();
        o.id = intent.clientOrderId;
        o.instrument = id;
        o.side = intent.side;
        o.price = limit ? intent.price : 0;
        o.leaves = intent.quantity;
        final Level[] bookBids = bids.get(id);
        final Level[] bookAsks = asks.get(id);
        if (hasBars[id] && bookBids[0].price <= 0 && bookAsks[0].price <= 0)
        {
            o.atBar = true;
            o.levelSize = -1;
            resting.add(o);
            return;
        }
        for (final Level level : o.side == Side.BUY ? bookAsks : bookBids)
        {
            if (o.leaves == 0)
            {
                break;
            }
            if (level.price <= 0 || level.size <= 0)
            {
                continue;
            }
            if (limit && (o.side == Side.BUY ? level.price > o.price : level.price < o.price))
            {
                break;
            }
            final long quantity = Math.min(o.leaves, level.size);
            level.size -= quantity;
            fill(sink, o, level.price, quantity, taker);
        }
        if (o.leaves == 0)
        {
            return;
        }
        if (limit)
        {
            o.levelSize = displayed(id, o.side, o.price);
            o.ahead = Math.max(0, o.levelSize);
            resting.add(o);
            return;
        }
        report(sink, id, o.id, ExecType.CANCELED, o.side, 0, 0, 0, 0, RejectReason.NO_LIQUIDITY);
    }

    @Override
    public int restingCount()
    {
        return resting.size();
    }

    @Override
    public long ordersReceived()
    {
        return received;
    }
}
