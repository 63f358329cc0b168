package io.keel.execution.algo;

import io.keel.core.Side;

/** What an execution algorithm sees and can do for its parent order. */
public interface AlgoContext
{
    /** {@link #lastChildNs()} of a parent that sent no child yet: far enough in the past for any pacing. */
    long NO_CHILD_YET = Long.MIN_VALUE / 4;

    /** @return event time now. */
    long nowNs();

    /** @return when the parent started. */
    long startNs();

    /** @return when the parent must be done. */
    long endNs();

    /** @return side of the parent. */
    Side side();

    /** @return parent quantity. */
    long parentQuantity();

    /** @return quantity filled so far. */
    long filled();

    /** @return quantity in working children. */
    long working();

    /** @return best bid in price units, 0 when none. */
    long bestBid();

    /** @return best ask in price units, 0 when none. */
    long bestAsk();

    /** @return the limit price of our working passive child, 0 when none. */
    long workingPrice();

    /** @return event time our last child was sent at ({@link #NO_CHILD_YET} before the first). */
    long lastChildNs();

    /** @return market trade volume printed since the parent started (all participants). */
    long marketVolume();

    /**
     * @return the smallest child worth sending, in quantity units: the instrument's lot, or as many lots as reach the
     *     venue's minimum notional.
     */
    long lot();

    /** @return the fraction of the parent's time gone, in [0, 1]. */
    default double elapsed()
    {
        return Math.min(1.0, Math.max(0.0, (double)(nowNs() - startNs()) / Math.max(1, endNs() - startNs())));
    }

    /** @return quantity neither filled nor working. */
    default long unassigned()
    {
        return parentQuantity() - filled() - working();
    }

    /** Sends a market child of {@code quantity} (rounded down to the lot; nothing when it rounds to 0). */
    void sendMarket(long quantity);

    /** Sends a limit child. */
    void sendLimit(long price, long quantity);

    /** Cancels every working child. */
    void cancelAll();
}
