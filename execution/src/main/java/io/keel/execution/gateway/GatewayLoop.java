package io.keel.execution.gateway;

import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The gateway thread's work: order intents go to the venue exactly once; every report is passed on (to be journaled);
 * orders whose answer was lost stay UNKNOWN and are asked about every {@code resolveEveryNs} until the venue says
 * what became of them; cancels that could not go are retried. After a crash, {@link #recover} reads the last journal,
 * finds the orders it never saw finish, and asks the venue about each — it never sends any of them again.
 * Single-threaded.
 */
public final class GatewayLoop
{
    /** What the loop knows of one order it sent. */
    private static final class Tracked
    {
        int instrument;
        Side side;
        long filled;
        boolean unknown;
        boolean cancelPending;
        long nextAskNs;
    }

    private static final long NO_POSITION = Long.MIN_VALUE;
    private final org.agrona.collections.Long2LongHashMap positions =
        new org.agrona.collections.Long2LongHashMap(NO_POSITION);
    private final OrderGateway gateway;
    private final InstrumentSpec[] specs;
    private final EventSink downstream;
    private final LongSupplier clockNs;
    private final long resolveEveryNs;
    private final long reconcileEveryNs;
    private long reconciledFills;
    private final org.agrona.collections.Long2ObjectHashMap<Tracked> orders =
        new org.agrona.collections.Long2ObjectHashMap<>();
    /** The open orders' ids, ascending, taken at each poll (reused: polling allocates nothing). */
    private long[] snapshot = new long[64];
    /** Every client id ever sent by this process or recovered from the journal: never sent (again). */
    private final org.agrona.collections.LongHashSet sent = new org.agrona.collections.LongHashSet();
    private final EventSink watcher = this::onReport;
    private long resolved;

    /**
     * @param downstream     where reports go (the journal, then the chain).
     * @param resolveEveryNs how often an UNKNOWN order is asked about.
     */
    public GatewayLoop(final OrderGateway gateway, final List<InstrumentSpec> specs, final EventSink downstream,
        final LongSupplier clockNs, final long resolveEveryNs)
    {
        this(gateway, specs, downstream, clockNs, resolveEveryNs, 5_000_000_000L);
    }

    /**
     * @param reconcileEveryNs how often each working order is asked about anyway: the venue may have filled it
     *                         without telling us (a lost fill, a stream that dropped it).
     */
    public GatewayLoop(final OrderGateway gateway, final List<InstrumentSpec> specs, final EventSink downstream,
        final LongSupplier clockNs, final long resolveEveryNs, final long reconcileEveryNs)
    {
        this.reconcileEveryNs = reconcileEveryNs;
        this.gateway = gateway;
        this.specs = specs.toArray(new InstrumentSpec[0]);
        this.downstream = downstream;
        this.clockNs = clockNs;
        this.resolveEveryNs = resolveEveryNs;
    }

    private void onReport(final Event report)
    {
        countPosition(report);
        final Tracked order = orders.get(report.clientOrderId);
        if (order != null)
        {
            final boolean wasUnknown = order.unknown;
            switch (report.execType)
            {
                case UNKNOWN ->
                {
                    order.unknown = true;
                    order.nextAskNs = clockNs.getAsLong() + resolveEveryNs;
                }
                case PARTIALLY_FILLED, FILLED, ACKED ->
                {
                    order.unknown = false;
                    order.filled += report.execType == ExecType.ACKED ? 0 : report.quantity;
                }
                default ->
                {
                }
            }
            if (wasUnknown && report.execType != ExecType.UNKNOWN)
            {
                resolved++;
            }
            if (report.execType == ExecType.FILLED || report.execType == ExecType.CANCELED ||
                report.execType == ExecType.REJECTED || report.execType == ExecType.EXPIRED)
            {
                orders.remove(report.clientOrderId);
            }
        }
        downstream.onEvent(report);
    }

    /** Handles an intent from the decision chain: a new order (sent once), or a cancel. */
    public void onIntent(final Event intent)
    {
        final InstrumentSpec spec = specs[intent.instrumentId];
        if (intent.command == OperatorCommand.CANCEL_ALL)
        {
            final Tracked order = orders.get(intent.clientOrderId);
            if (order != null && !gateway.cancel(intent.clientOrderId, order.side, spec, watcher))
            {
                order.cancelPending = true; // try again on the next poll
            }
            return;
        }
        if (!sent.add(intent.clientOrderId))
        {
            return; // already sent (or finished): an id goes to the venue once, whatever asks again
        }
        final Tracked order = new Tracked();
        order.instrument = intent.instrumentId;
        order.side = intent.side;
        order.nextAskNs = clockNs.getAsLong() + reconcileEveryNs;
        orders.put(intent.clientOrderId, order);
        gateway.place(intent, spec, watcher);
    }

    /** Asks about UNKNOWN orders that are due and retries pending cancels. */
    public void poll()
    {
        final long now = clockNs.getAsLong();
        final int count = snapshotIds();
        for (int i = 0; i < count; i++)
        {
            final long id = snapshot[i];
            final Tracked order = orders.get(id);
            if (order == null)
            {
                continue; // finished by an answer earlier in this poll
            }
            final InstrumentSpec spec = specs[order.instrument];
            if (now >= order.nextAskNs)
            {
                final boolean unknown = order.unknown;
                final long filledBefore = order.filled;
                order.nextAskNs = now + (unknown ? resolveEveryNs : reconcileEveryNs);
                gateway.resolve(id, order.side, order.filled, unknown, spec, watcher);
                if (!unknown && order.filled > filledBefore)
                {
                    reconciledFills++; // the venue had filled it and nothing had told us
                }
            }
            if (order.cancelPending && orders.containsKey(id) && gateway.cancel(id, order.side, spec, watcher))
            {
                order.cancelPending = false;
            }
        }
    }

    /** Copies the open orders' ids into {@link #snapshot}, ascending. @return how many. */
    private int snapshotIds()
    {
        if (snapshot.length < orders.size())
        {
            snapshot = new long[Math.max(orders.size(), snapshot.length * 2)]; // grows with the open orders, rarely
        }
        int count = 0;
        final org.agrona.collections.Long2ObjectHashMap<Tracked>.KeyIterator keys = orders.keySet().iterator();
        while (keys.hasNext())
        {
            snapshot[count++] = keys.nextLong();
        }
        java.util.Arrays.sort(snapshot, 0, count);
        return count;
    }

    /** Sends a cancel for every open order (after recovery: nothing of an earlier run stays working). */
    public void cancelAllOpen()
    {
        final int count = snapshotIds();
        for (int i = 0; i < count; i++)
        {
            final Tracked order = orders.get(snapshot[i]);
            if (order != null && !order.unknown &&
                !gateway.cancel(snapshot[i], order.side, specs[order.instrument], watcher))
            {
                order.cancelPending = true;
            }
        }
    }

    /** @return orders sent and not finished. */
    public int open()
    {
        return orders.size();
    }

    /** @return orders in UNKNOWN state now. */
    public long unknownCount()
    {
        long unknown = 0;
        for (final Tracked order : orders.values())
        {
            unknown += order.unknown ? 1 : 0;
        }
        return unknown;
    }

    /** @return fills learned only by asking about a working order (periodic reconciliation). */
    public long reconciledFills()
    {
        return reconciledFills;
    }

    /** @return UNKNOWN orders the venue has since answered for. */
    public long resolvedCount()
    {
        return resolved;
    }

    /** Keeps the position the reports add up to (fills, opening balances, commissions taken in kind). */
    private void countPosition(final Event report)
    {
        if ((report.execType == ExecType.FILLED || report.execType == ExecType.PARTIALLY_FILLED) &&
            report.quantity > 0)
        {
            addPosition(report.instrumentId, report.side.sign() * report.quantity);
        }
        else if (report.execType == ExecType.FEE_IN_KIND)
        {
            addPosition(report.instrumentId, -report.quantity);
        }
    }

    private void addPosition(final int instrumentId, final long quantity)
    {
        final long held = positions.get(instrumentId);
        positions.put(instrumentId, (held == NO_POSITION ? 0 : held) + quantity);
    }

    /**
     * @return the positions, by instrument id, that a recovered journal's reports and every report since add up to:
     *         what the venue must hold if nothing traded behind our back.
     */
    public Map<Integer, Long> positions()
    {
        final Map<Integer, Long> copy = new java.util.HashMap<>();
        final org.agrona.collections.Long2LongHashMap.EntryIterator entries = positions.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            copy.put((int)entries.getLongKey(), entries.getLongValue());
        }
        return Map.copyOf(copy);
    }

    /**
     * After a restart: every order the journal sent but never saw finish is asked about, as UNKNOWN, and tracked until
     * it finishes. Nothing is sent again.
     *
     * @return the client ids recovered.
     */
    public List<Long> recover(final Path journal)
    {
        return recover(journal, id -> true);
    }

    /**
     * As {@link #recover(Path)}, for the orders and positions of the instruments {@code ours} accepts only (a book
     * across venues recovers each venue's own).
     */
    public List<Long> recover(final Path journal, final java.util.function.IntPredicate ours)
    {
        final Map<Long, Tracked> unfinished = new TreeMap<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord ignored = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind != RecordKind.EVENT || !ours.test(event.instrumentId))
                {
                    continue;
                }
                if (event.type == EventType.ORDER_INTENT && event.command != OperatorCommand.CANCEL_ALL)
                {
                    final Tracked order = new Tracked();
                    order.instrument = event.instrumentId;
                    order.side = event.side;
                    unfinished.put(event.clientOrderId, order);
                }
                else if (event.type == EventType.EXECUTION_REPORT)
                {
                    countPosition(event);
                    final Tracked order = unfinished.get(event.clientOrderId);
                    if (order == null)
                    {
                        continue;
                    }
                    if (event.execType == ExecType.PARTIALLY_FILLED || event.execType == ExecType.FILLED)
                    {
                        order.filled += event.quantity;
                    }
                    if (event.execType == ExecType.FILLED || event.execType == ExecType.CANCELED ||
                        event.execType == ExecType.REJECTED || event.execType == ExecType.EXPIRED)
                    {
                        unfinished.remove(event.clientOrderId);
                    }
                }
            }
        }
        final long now = clockNs.getAsLong();
        for (final Map.Entry<Long, Tracked> e : unfinished.entrySet())
        {
            e.getValue().unknown = true;
            e.getValue().nextAskNs = now;
            orders.put(e.getKey(), e.getValue());
            sent.add(e.getKey());
        }
        poll();
        return List.copyOf(unfinished.keySet());
    }
}
