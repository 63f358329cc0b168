package io.keel.ingest.lobster;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reconstructs the L2 book from LOBSTER's L3 messages. The book before the window is not in the data, so the
 * reconstruction starts from the first book-file row (the book after the first message) and applies every later
 * message as an L2 change at its price: new orders add size; partial cancels, deletes and visible executions remove
 * it; hidden executions and halts leave the visible book alone. Orders placed inside the window are also tracked one
 * by one (L3); a message about an order from before the window (unknown id) is applied by its own price, size and
 * direction and counted, since LOBSTER states all three on every message.
 *
 * <p>LOBSTER's message file only holds events inside the requested price range (the top {@code levels} levels), so
 * a level that drops below the range stops being observed (it can change or vanish unseen: AAPL 2012-06-21's
 * 5876500 × 1160 ask does) and is forgotten; when a removal uncovers a level, the messages cannot say what is there.
 * {@link #reconcile} then checks every level the messages determine against the vendor's row and adopts the
 * uncovered ones from it, counting them.
 */
public final class LobsterBook
{
    /** LOBSTER's placeholder prices for empty levels. */
    static final long EMPTY_ASK = 9_999_999_999L;
    static final long EMPTY_BID = -9_999_999_999L;

    private final int levels;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final Map<Long, long[]> orders = new HashMap<>();
    private long preWindowReferences;
    private long negativeLevels;
    private long adoptedLevels;

    /** @param levels depth of the vendor's book file (the observed price range). */
    public LobsterBook(final int levels)
    {
        this.levels = levels;
    }

    /** Starts from a book-file row: {@code askPrice1,askSize1,bidPrice1,bidSize1,...}. */
    public void initialise(final long[] row)
    {
        bids.clear();
        asks.clear();
        for (int i = 0; i + 3 < row.length; i += 4)
        {
            if (row[i] != EMPTY_ASK && row[i + 1] > 0)
            {
                asks.put(row[i], row[i + 1]);
            }
            if (row[i + 2] != EMPTY_BID && row[i + 3] > 0)
            {
                bids.put(row[i + 2], row[i + 3]);
            }
        }
    }

    /** Applies one message. */
    public void apply(final LobsterMessage m)
    {
        final NavigableMap<Long, Long> side = m.direction() > 0 ? bids : asks;
        switch (m.type())
        {
            case 1 ->
            {
                side.merge(m.price(), m.size(), Long::sum);
                orders.put(m.orderId(), new long[] {m.size()});
            }
            case 2, 3, 4 ->
            {
                final long[] order = orders.get(m.orderId());
                if (order == null)
                {
                    preWindowReferences++;
                }
                else
                {
                    order[0] -= m.size();
                    if (order[0] <= 0 || m.type() == 3)
                    {
                        orders.remove(m.orderId());
                    }
                }
                remove(side, m.price(), m.size());
            }
            default ->
            {
                // 5 hidden execution, 7 halt: the visible book does not change
            }
        }
        trim(bids);
        trim(asks);
    }

    private void trim(final NavigableMap<Long, Long> side)
    {
        while (side.size() > levels)
        {
            side.pollLastEntry(); // below the observed range: no message will tell us about it any more
        }
    }

    /**
     * Compares the reconstruction with the vendor's row for the same message: every level the messages determine
     * must be equal; levels beyond them (uncovered from below the observed range) are adopted from the row.
     *
     * @return a description of the first determined level that differs, or null when all are equal.
     */
    public String reconcile(final long[] row)
    {
        final String asksDiffer = reconcile(asks, row, 0, EMPTY_ASK);
        return asksDiffer != null ? asksDiffer : reconcile(bids, row, 2, EMPTY_BID);
    }

    private String reconcile(final NavigableMap<Long, Long> side, final long[] row, final int offset, final long empty)
    {
        final int known = side.size();
        final Iterator<Map.Entry<Long, Long>> it = side.entrySet().iterator();
        for (int level = 0; level < levels; level++)
        {
            final long price = row[level * 4 + offset];
            final long size = row[level * 4 + offset + 1];
            if (level < known)
            {
                final Map.Entry<Long, Long> mine = it.next();
                if (mine.getKey() != price || mine.getValue() != size)
                {
                    return (offset == 0 ? "ask" : "bid") + " level " + (level + 1) + ": reconstructed " +
                        mine.getKey() + " x " + mine.getValue() + ", vendor " + price + " x " + size;
                }
            }
            else if (price != empty && size > 0)
            {
                side.put(price, size);
                adoptedLevels++;
            }
        }
        return null;
    }

    /** @return levels adopted from the vendor's rows because messages could not determine them. */
    public long adoptedLevels()
    {
        return adoptedLevels;
    }

    private void remove(final NavigableMap<Long, Long> side, final long price, final long size)
    {
        final long left = side.getOrDefault(price, 0L) - size;
        if (left > 0)
        {
            side.put(price, left);
            return;
        }
        if (left < 0)
        {
            negativeLevels++;
        }
        side.remove(price);
    }

    /** @return the top {@code levels} levels in LOBSTER's row layout, empty levels as LOBSTER writes them. */
    public long[] toRow(final int levels)
    {
        final long[] row = new long[levels * 4];
        final Iterator<Map.Entry<Long, Long>> ask = asks.entrySet().iterator();
        final Iterator<Map.Entry<Long, Long>> bid = bids.entrySet().iterator();
        for (int level = 0; level < levels; level++)
        {
            final Map.Entry<Long, Long> a = ask.hasNext() ? ask.next() : null;
            final Map.Entry<Long, Long> b = bid.hasNext() ? bid.next() : null;
            row[level * 4] = a == null ? EMPTY_ASK : a.getKey();
            row[level * 4 + 1] = a == null ? 0 : a.getValue();
            row[level * 4 + 2] = b == null ? EMPTY_BID : b.getKey();
            row[level * 4 + 3] = b == null ? 0 : b.getValue();
        }
        return row;
    }

    /** @return messages about orders placed before the window. */
    public long preWindowReferences()
    {
        return preWindowReferences;
    }

    /** @return removals of more size than a level held (a sign of missing history). */
    public long negativeLevels()
    {
        return negativeLevels;
    }

    /** @return orders of the window still resting. */
    public int trackedOrders()
    {
        return orders.size();
    }
}
