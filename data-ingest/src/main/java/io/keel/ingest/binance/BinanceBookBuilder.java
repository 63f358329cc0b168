package io.keel.ingest.binance;

import io.keel.core.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Builds a full-depth L2 book from Binance depth diffs and a REST snapshot, enforcing Binance's sequence rules:
 * diffs are buffered until a snapshot arrives; diffs with {@code u <= lastUpdateId} (spot) or
 * {@code u < lastUpdateId} (USD-M) are dropped; the first diff
 * applied must straddle the snapshot ({@code U <= lastUpdateId + 1 <= u}); every later diff must continue the chain,
 * {@code U == previous u + 1} on spot, {@code pu == previous u} on USD-M futures. A break is a gap: the book is
 * cleared and marked stale, and it stays stale until the next snapshot resyncs it.
 *
 * <p>Single-threaded. Levels are kept in sorted maps (boxing): this is the importer's and recorder's builder; the
 * live hot path gets a primitive one when live feeds land.
 */
public final class BinanceBookBuilder
{
    /** Which chaining rule applies. */
    public enum Market
    {
        SPOT,
        USD_M
    }

    /** What a diff did. */
    public enum Outcome
    {
        /** Held until a snapshot arrives. */
        BUFFERED,
        /** Applied to the book. */
        APPLIED,
        /** Older than the snapshot: ignored, as the rules say. */
        DROPPED,
        /** Broke the id chain: the book is now stale. */
        GAP,
        /** Ignored because the book is stale (awaiting a resync snapshot). */
        STALE
    }

    private static final int MAX_BUFFERED = 10_000;

    private final Market market;
    private long overflowed;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final List<DepthUpdate> buffered = new ArrayList<>();
    private boolean synced;
    private boolean stale;
    private boolean firstAfterSnapshot;
    private long lastUpdateId = -1;
    private long gaps;
    private long applied;
    private long dropped;

    /** @param market spot or USD-M futures chaining. */
    public BinanceBookBuilder(final Market market)
    {
        this.market = market;
    }

    /** Applies (or buffers, or rejects) one diff. */
    public Outcome onDiff(final DepthUpdate diff)
    {
        if (!synced)
        {
            if (stale)
            {
                return Outcome.STALE;
            }
            if (buffered.size() == MAX_BUFFERED)
            {
                buffered.remove(0); // a snapshot that never comes must not exhaust memory; the sync rule copes
                overflowed++;
            }
            buffered.add(diff.copy());
            return Outcome.BUFFERED;
        }
        return apply(diff);
    }

    /** Replaces the book with a snapshot and replays the buffered diffs under the rules; ends a stale period. */
    public void onSnapshot(final DepthUpdate snapshot)
    {
        bids.clear();
        asks.clear();
        for (int i = 0; i < snapshot.bids; i++)
        {
            set(bids, snapshot.bidPrice[i], snapshot.bidQuantity[i]);
        }
        for (int i = 0; i < snapshot.asks; i++)
        {
            set(asks, snapshot.askPrice[i], snapshot.askQuantity[i]);
        }
        lastUpdateId = snapshot.lastId;
        synced = true;
        stale = false;
        firstAfterSnapshot = true;
        final List<DepthUpdate> pending = new ArrayList<>(buffered);
        buffered.clear();
        for (final DepthUpdate diff : pending)
        {
            if (apply(diff) == Outcome.GAP)
            {
                return;
            }
        }
    }

    private Outcome apply(final DepthUpdate diff)
    {
        // spot drops u <= lastUpdateId; USD-M drops only u < lastUpdateId (its first event may end at the snapshot)
        if (market == Market.SPOT ? diff.lastId <= lastUpdateId : firstAfterSnapshot && diff.lastId < lastUpdateId ||
            !firstAfterSnapshot && diff.lastId <= lastUpdateId)
        {
            dropped++;
            return Outcome.DROPPED;
        }
        final boolean chained;
        if (firstAfterSnapshot)
        {
            chained = market == Market.SPOT ?
                diff.firstId <= lastUpdateId + 1 && diff.lastId >= lastUpdateId + 1 :
                diff.firstId <= lastUpdateId && diff.lastId >= lastUpdateId;
        }
        else
        {
            chained = market == Market.SPOT ? diff.firstId == lastUpdateId + 1 : diff.previousLastId == lastUpdateId;
        }
        if (!chained)
        {
            gaps++;
            synced = false;
            stale = true;
            bids.clear();
            asks.clear();
            return Outcome.GAP;
        }
        firstAfterSnapshot = false;
        for (int i = 0; i < diff.bids; i++)
        {
            set(bids, diff.bidPrice[i], diff.bidQuantity[i]);
        }
        for (int i = 0; i < diff.asks; i++)
        {
            set(asks, diff.askPrice[i], diff.askQuantity[i]);
        }
        lastUpdateId = diff.lastId;
        applied++;
        return Outcome.APPLIED;
    }

    private static void set(final NavigableMap<Long, Long> side, final long price, final long quantity)
    {
        if (quantity == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, quantity);
        }
    }

    /**
     * Marks the book stale (a reconnect lost messages): diffs are ignored until the next snapshot.
     *
     * @return true when it was live.
     */
    public boolean invalidate()
    {
        final boolean wasLive = isLive();
        synced = false;
        stale = true;
        bids.clear();
        asks.clear();
        return wasLive;
    }

    /** @return true when the book is synced and usable. */
    public boolean isLive()
    {
        return synced && !stale;
    }

    /** @return true after a gap until the next snapshot. */
    public boolean isStale()
    {
        return stale;
    }

    /** @return best bid price, or 0. */
    public long bestBid()
    {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    /** @return quantity at the best bid, or 0. */
    public long bestBidQuantity()
    {
        return bids.isEmpty() ? 0 : bids.firstEntry().getValue();
    }

    /** @return best ask price, or 0. */
    public long bestAsk()
    {
        return asks.isEmpty() ? 0 : asks.firstKey();
    }

    /** @return quantity at the best ask, or 0. */
    public long bestAskQuantity()
    {
        return asks.isEmpty() ? 0 : asks.firstEntry().getValue();
    }

    /**
     * Copies the best {@code n} levels of a side.
     *
     * @return how many levels were copied.
     */
    public int top(final Side side, final long[] prices, final long[] quantities, final int n)
    {
        int count = 0;
        final Iterator<Map.Entry<Long, Long>> it = (side == Side.BUY ? bids : asks).entrySet().iterator();
        while (count < n && it.hasNext())
        {
            final Map.Entry<Long, Long> level = it.next();
            prices[count] = level.getKey();
            quantities[count++] = level.getValue();
        }
        return count;
    }

    /** @return the last applied update id ({@code u}), or the snapshot's. */
    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    /** @return gaps detected. */
    public long gaps()
    {
        return gaps;
    }

    /** @return diffs applied. */
    public long applied()
    {
        return applied;
    }

    /** @return buffered diffs discarded because the buffer was full while no snapshot came. */
    public long overflowed()
    {
        return overflowed;
    }

    /** @return diffs dropped as older than the snapshot. */
    public long dropped()
    {
        return dropped;
    }
}
