package io.keel.ingest.binance;

import java.util.Arrays;

/**
 * One depth message: a diff ({@code U}, {@code u}, {@code pu}) or a REST snapshot ({@code lastUpdateId} in
 * {@link #lastId}). Price levels are fixed point; quantity 0 removes a level. Mutable and reusable.
 */
public final class DepthUpdate
{
    /** First update id of a diff ({@code U}); 0 for a snapshot. */
    public long firstId;
    /** Last update id ({@code u}, or the snapshot's {@code lastUpdateId}). */
    public long lastId;
    /** Futures only: the previous diff's {@code u} ({@code pu}); -1 when absent. */
    public long previousLastId = -1;
    /** Exchange event time, ms; 0 when absent. */
    public long eventTimeMs;
    public boolean snapshot;
    public int bids;
    public int asks;
    public long[] bidPrice = new long[64];
    public long[] bidQuantity = new long[64];
    public long[] askPrice = new long[64];
    public long[] askQuantity = new long[64];

    /** Clears for reuse. */
    public void clear()
    {
        firstId = 0;
        lastId = 0;
        previousLastId = -1;
        eventTimeMs = 0;
        snapshot = false;
        bids = 0;
        asks = 0;
    }

    /** Appends a bid level. */
    public void addBid(final long price, final long quantity)
    {
        if (bids == bidPrice.length)
        {
            bidPrice = Arrays.copyOf(bidPrice, bids * 2);
            bidQuantity = Arrays.copyOf(bidQuantity, bids * 2);
        }
        bidPrice[bids] = price;
        bidQuantity[bids++] = quantity;
    }

    /** Appends an ask level. */
    public void addAsk(final long price, final long quantity)
    {
        if (asks == askPrice.length)
        {
            askPrice = Arrays.copyOf(askPrice, asks * 2);
            askQuantity = Arrays.copyOf(askQuantity, asks * 2);
        }
        askPrice[asks] = price;
        askQuantity[asks++] = quantity;
    }

    /** @return a deep copy (for buffering while a snapshot is awaited). */
    public DepthUpdate copy()
    {
        final DepthUpdate copy = new DepthUpdate();
        copy.firstId = firstId;
        copy.lastId = lastId;
        copy.previousLastId = previousLastId;
        copy.eventTimeMs = eventTimeMs;
        copy.snapshot = snapshot;
        copy.bids = bids;
        copy.asks = asks;
        copy.bidPrice = Arrays.copyOf(bidPrice, Math.max(1, bids));
        copy.bidQuantity = Arrays.copyOf(bidQuantity, Math.max(1, bids));
        copy.askPrice = Arrays.copyOf(askPrice, Math.max(1, asks));
        copy.askQuantity = Arrays.copyOf(askQuantity, Math.max(1, asks));
        return copy;
    }
}
