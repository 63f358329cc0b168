package io.keel.core.book;

import io.keel.core.Side;
import io.keel.core.event.Event;

/**
 * Price levels of every instrument's book, {@code depth} levels per side, level 0 best. BOOK_LEVEL events replace one
 * level; QUOTE events replace level 0 of both sides. Arrays are exposed so an owner (the simulated exchange) can
 * consume displayed size in place. Single-threaded; allocation-free after construction.
 */
public final class LevelBook
{
    private final int depth;
    private final long[][] bidPrice;
    private final long[][] bidQuantity;
    private final long[][] askPrice;
    private final long[][] askQuantity;

    /**
     * @param instruments number of instruments (ids 0..n-1).
     * @param depth       levels kept per side.
     */
    public LevelBook(final int instruments, final int depth)
    {
        this.depth = depth;
        this.bidPrice = new long[instruments][depth];
        this.bidQuantity = new long[instruments][depth];
        this.askPrice = new long[instruments][depth];
        this.askQuantity = new long[instruments][depth];
    }

    /**
     * Applies a BOOK_LEVEL or QUOTE event; other types, unknown instruments and levels beyond the depth are ignored.
     *
     * @return true when the book changed.
     */
    public boolean apply(final Event event)
    {
        final int id = event.instrumentId;
        if (id < 0 || id >= bidPrice.length)
        {
            return false;
        }
        switch (event.type)
        {
            case BOOK_LEVEL:
                if (event.level < 0 || event.level >= depth)
                {
                    return false;
                }
                if (event.side == Side.BUY)
                {
                    bidPrice[id][event.level] = event.price;
                    bidQuantity[id][event.level] = event.quantity;
                }
                else
                {
                    askPrice[id][event.level] = event.price;
                    askQuantity[id][event.level] = event.quantity;
                }
                return true;
            case QUOTE:
                bidPrice[id][0] = event.bidPrice;
                bidQuantity[id][0] = event.bidQuantity;
                askPrice[id][0] = event.askPrice;
                askQuantity[id][0] = event.askQuantity;
                return true;
            default:
                return false;
        }
    }

    /** @return levels per side. */
    public int depth()
    {
        return depth;
    }

    /** @return level prices of one side (live array, level 0 best; 0 = empty). */
    public long[] prices(final int instrumentId, final Side side)
    {
        return side == Side.BUY ? bidPrice[instrumentId] : askPrice[instrumentId];
    }

    /** @return level quantities of one side (live array; the owner may consume size in place). */
    public long[] quantities(final int instrumentId, final Side side)
    {
        return side == Side.BUY ? bidQuantity[instrumentId] : askQuantity[instrumentId];
    }

    /** @return best bid in price units, 0 when none. */
    public long bestBid(final int instrumentId)
    {
        return bidPrice[instrumentId][0];
    }

    /** @return best ask in price units, 0 when none. */
    public long bestAsk(final int instrumentId)
    {
        return askPrice[instrumentId][0];
    }

    /** @return total quantity on one side over the first {@code levels} levels. */
    public long depthQuantity(final int instrumentId, final Side side, final int levels)
    {
        final long[] quantities = quantities(instrumentId, side);
        long total = 0;
        for (int level = 0, n = Math.min(levels, depth); level < n; level++)
        {
            total += quantities[level];
        }
        return total;
    }
}
