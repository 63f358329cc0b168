package io.keel.execution;

import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;
import io.keel.core.event.Event;
import io.keel.core.event.ExecType;
import io.keel.core.event.OrderType;
import io.keel.execution.algo.AlgoContext;
import io.keel.execution.algo.Algos;
import io.keel.execution.algo.ExecutionAlgo;

import java.util.List;

/**
 * The order desk's parent orders: a decision's order worked by the configured execution algorithm
 * ({@code execution.algo}) as child orders, at most one parent per instrument. The algorithm acts on each market
 * event of its instrument; each child goes through the chain's pre-trade check and then out as an intent that names
 * its parent, with a client id derived from the event that caused it ({@link OrderDesk#clientOrderId} ordinal
 * {@value #CHILD_ORDINAL}), so a replay regenerates every child. A parent ends when filled, when its horizon has passed
 * and no child is working (the rest is abandoned: the algorithms send it at market before that), or when stopped (a
 * close-out, a kill, the session's end), and at once when a child is vetoed or rejected: the desk never retries into
 * a refusal.
 *
 * <p>Single-threaded (the decision thread); allocation-free.
 */
public final class ParentOrders
{
    /** Ordinal of a child's client order id ({@link OrderDesk#clientOrderId}); 0 is the parent's and direct ones. */
    public static final int CHILD_ORDINAL = 1;
    /** Buckets of the volume profile a VWAP parent follows (the last horizon's traded volume). */
    static final int PROFILE_BUCKETS = 10;

    /** The chain's pre-trade check of a child, before it is sent. */
    @FunctionalInterface
    public interface ChildCheck
    {
        /**
         * @param price limit price, or 0 for a market child.
         * @return true when the child may go; false when risk vetoed it (the check journals why).
         */
        boolean admit(Event trigger, int instrumentId, Side side, OrderType type, long price, long quantity);
    }

    private final OrderDesk desk;
    private final AlgoKind kind;
    private final long horizonNs;
    private final Parent[] parents;
    private long started;
    private long children;
    private long completed;
    private long abandoned;

    /**
     * @param instruments the book's instruments, by id.
     * @param kind        the algorithm; {@link AlgoKind#DIRECT} means no parents (every order direct).
     * @param horizonMs   a parent must be done this long after its decision.
     * @param check       the pre-trade check of each child.
     */
    public ParentOrders(final OrderDesk desk, final List<InstrumentSpec> instruments, final AlgoKind kind,
        final long horizonMs, final ChildCheck check)
    {
        this.desk = desk;
        this.kind = kind;
        this.horizonNs = horizonMs * 1_000_000L;
        this.parents = new Parent[instruments.size()];
        for (int id = 0; id < parents.length; id++)
        {
            parents[id] = new Parent(instruments.get(id), kind == AlgoKind.DIRECT ? null :
                Algos.of(kind, PROFILE_BUCKETS), check);
        }
    }

    /** @return the configured algorithm. */
    public AlgoKind kind()
    {
        return kind;
    }

    /** @return true when decisions become parents (the algorithm is not {@link AlgoKind#DIRECT}). */
    public boolean enabled()
    {
        return kind != AlgoKind.DIRECT;
    }

    /** @return true while the instrument has a parent in flight (no new decision is made for it until it ends). */
    public boolean live(final int id)
    {
        return parents[id].live;
    }

    /**
     * Starts a parent for an accepted decision and lets the algorithm act on the triggering event.
     *
     * @param parentId the decision's client order id (never sent as an order: the children name it).
     */
    public void start(final Event trigger, final int id, final Side side, final long quantity, final long parentId,
        final long bid, final long ask)
    {
        final Parent p = parents[id];
        p.begin(side, quantity, parentId, trigger.timestampNs, trigger.timestampNs + horizonNs);
        started++;
        onMarket(trigger, id, bid, ask);
    }

    /** A market event of the instrument changed its book: the algorithm acts; the parent ends when it is done. */
    public void onMarket(final Event trigger, final int id, final long bid, final long ask)
    {
        final Parent p = parents[id];
        if (!p.live)
        {
            return;
        }
        p.trigger = trigger;
        p.nowNs = Math.max(p.nowNs, trigger.timestampNs);
        p.bid = bid;
        p.ask = ask;
        if (!p.stopping && p.nowNs < p.endNs && p.filled < p.quantity)
        {
            p.algo.onMarket(p);
        }
        else if (p.childId != 0)
        {
            p.cancelAll(); // past the horizon or stopping: pull the child; the parent ends with its report
        }
        p.endIfDone();
    }

    /** Trade volume printed on the instrument (the VWAP profile, and a POV parent's share). */
    public void onVolume(final int id, final long timestampNs, final long quantity)
    {
        if (kind == AlgoKind.DIRECT || quantity <= 0)
        {
            return;
        }
        parents[id].addVolume(timestampNs, quantity, horizonNs / PROFILE_BUCKETS);
    }

    /** Stops the instrument's parent: its working child is canceled, and it ends once that is done. */
    public void stop(final Event trigger, final int id)
    {
        final Parent p = parents[id];
        if (!p.live)
        {
            return;
        }
        p.trigger = trigger;
        p.stopping = true;
        if (p.childId != 0)
        {
            p.cancelAll();
        }
        p.endIfDone();
    }

    /**
     * Stops every parent at once (a kill, flatten-all, cancel-all, shutdown).
     *
     * @param childrenCanceled true when the cause already canceled every working order (no second cancel is sent).
     */
    public void stopAll(final Event trigger, final boolean childrenCanceled)
    {
        for (int id = 0; id < parents.length; id++)
        {
            if (parents[id].live)
            {
                parents[id].childCancelSent |= childrenCanceled;
                stop(trigger, id);
            }
        }
    }

    /**
     * An operator's command, after the close-out acted on it (its cancels are sent): the parents it touches stop, so
     * their algorithms send no new children.
     */
    public void onCommand(final Event command)
    {
        switch (command.command)
        {
            case KILL, FLATTEN_ALL, CANCEL_ALL, SHUTDOWN -> stopAll(command, true);
            case CLOSE_POSITION ->
            {
                if (command.instrumentId >= 0 && command.instrumentId < parents.length && live(command.instrumentId))
                {
                    parents[command.instrumentId].childCancelSent = true;
                    stop(command, command.instrumentId);
                }
            }
            case CANCEL_ORDER ->
            {
                for (int id = 0; id < parents.length; id++)
                {
                    final Parent p = parents[id];
                    if (p.live && command.clientOrderId != 0 &&
                        (command.clientOrderId == p.childId || command.clientOrderId == p.parentId))
                    {
                        p.childCancelSent |= command.clientOrderId == p.childId; // the close-out canceled it
                        stop(command, id);
                    }
                }
            }
            default ->
            {
                // the rest does not touch parents (stop entries: risk vetoes their next child)
            }
        }
    }

    /** A report the order desk booked ({@code state} non-null): a child's fill or end moves its parent on. */
    public void onReport(final Event report, final OrderState state)
    {
        if (state == null || report.instrumentId < 0 || report.instrumentId >= parents.length)
        {
            return;
        }
        final Parent p = parents[report.instrumentId];
        if (!p.live || report.clientOrderId != p.childId)
        {
            return;
        }
        if ((report.execType == ExecType.PARTIALLY_FILLED || report.execType == ExecType.FILLED) &&
            report.quantity > 0)
        {
            p.filled += report.quantity;
            p.childLeaves = Math.max(0, p.childLeaves - report.quantity);
        }
        if (state.isTerminal())
        {
            p.childId = 0;
            p.childLeaves = 0;
            p.childPrice = 0;
            if (state == OrderState.REJECTED)
            {
                p.stopping = true; // the venue refused a child: the desk does not retry into a refusal
            }
        }
        p.endIfDone();
    }

    /** @return parents started. */
    public long started()
    {
        return started;
    }

    /** @return child orders sent. */
    public long children()
    {
        return children;
    }

    /** @return parents that ended fully filled. */
    public long completed()
    {
        return completed;
    }

    /** @return parents that ended with quantity left (horizon passed, stopped, vetoed or rejected). */
    public long abandoned()
    {
        return abandoned;
    }

    /** One instrument's parent in flight, and the algorithm's view of it. */
    private final class Parent implements AlgoContext
    {
        private final int id;
        private final InstrumentSpec spec;
        private final long lot;
        private final ExecutionAlgo algo;
        private final ChildCheck check;
        private final VolumeProfile volume = new VolumeProfile(PROFILE_BUCKETS);
        private final double[] profile = new double[PROFILE_BUCKETS];
        boolean live;
        boolean stopping;
        Event trigger;
        Side side;
        long quantity;
        long parentId;
        long startNs;
        long endNs;
        long nowNs;
        long bid;
        long ask;
        long filled;
        long marketVolume;
        long childId;
        long childLeaves;
        long childPrice;
        long childSinceNs;
        boolean childCancelSent;
        long lastSendSequence = -1;

        Parent(final InstrumentSpec spec, final ExecutionAlgo algo, final ChildCheck check)
        {
            this.id = spec.id();
            this.spec = spec;
            this.lot = spec.lotSizeUnits();
            this.algo = algo;
            this.check = check;
        }

        void begin(final Side parentSide, final long parentQuantity, final long parentOrderId, final long start,
            final long end)
        {
            live = true;
            stopping = false;
            side = parentSide;
            quantity = parentQuantity;
            parentId = parentOrderId;
            startNs = start;
            endNs = end;
            nowNs = start;
            filled = 0;
            marketVolume = 0;
            childId = 0;
            childLeaves = 0;
            childPrice = 0;
            childSinceNs = NO_CHILD_YET;
            lastSendSequence = -1;
            volume.copyTo(profile);
            algo.reset();
            algo.volumeProfile(profile);
        }

        void addVolume(final long timestampNs, final long quantity, final long bucketNs)
        {
            volume.add(timestampNs, quantity, bucketNs);
            if (live)
            {
                marketVolume += quantity;
            }
        }

        void endIfDone()
        {
            if (!live || childId != 0)
            {
                return;
            }
            if (filled >= quantity)
            {
                live = false;
                completed++;
            }
            else if (stopping || nowNs >= endNs)
            {
                live = false;
                abandoned++;
            }
        }

        @Override
        public long nowNs()
        {
            return nowNs;
        }

        @Override
        public long startNs()
        {
            return startNs;
        }

        @Override
        public long endNs()
        {
            return endNs;
        }

        @Override
        public Side side()
        {
            return side;
        }

        @Override
        public long parentQuantity()
        {
            return quantity;
        }

        @Override
        public long filled()
        {
            return filled;
        }

        @Override
        public long working()
        {
            return childLeaves;
        }

        @Override
        public long bestBid()
        {
            return bid;
        }

        @Override
        public long bestAsk()
        {
            return ask;
        }

        @Override
        public long workingPrice()
        {
            return childPrice;
        }

        @Override
        public long lastChildNs()
        {
            return childSinceNs;
        }

        @Override
        public long marketVolume()
        {
            return marketVolume;
        }

        @Override
        public long lot()
        {
            // the smallest child worth sending: whole lots reaching the venue's minimum notional at the touch
            final long price = side == Side.BUY ? ask : bid;
            final long perLot = price > 0 ? spec.notional(price, lot) : 0;
            if (spec.minNotionalMoney() == 0 || perLot <= 0)
            {
                return lot;
            }
            return Math.max(1, (spec.minNotionalMoney() + perLot - 1) / perLot) * lot;
        }

        @Override
        public void sendMarket(final long childQuantity)
        {
            send(OrderType.MARKET, 0, childQuantity);
        }

        @Override
        public void sendLimit(final long price, final long childQuantity)
        {
            send(OrderType.LIMIT, price, childQuantity);
        }

        private void send(final OrderType type, final long price, final long childQuantity)
        {
            final long q = Math.min(childQuantity, quantity - filled - childLeaves) / lot * lot;
            if (q <= 0 || childId != 0 || stopping || trigger.sequence == lastSendSequence)
            {
                return; // one child at a time, at most one per event (its client id is the event's)
            }
            if (!check.admit(trigger, id, side, type, price, q))
            {
                stopping = true; // vetoed: the parent ends, the veto is journaled by the check
                return;
            }
            lastSendSequence = trigger.sequence;
            childId = desk.sendChild(trigger, id, side, type, price, q, CHILD_ORDINAL, parentId);
            childLeaves = q;
            childPrice = type == OrderType.LIMIT ? price : 0;
            childCancelSent = false;
            childSinceNs = nowNs;
            children++;
        }

        @Override
        public void cancelAll()
        {
            if (childId != 0 && !childCancelSent)
            {
                childCancelSent = desk.cancelOrder(trigger, childId);
            }
        }
    }
}
