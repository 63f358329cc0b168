package io.keel.core.decision;

import io.keel.core.Side;

/**
 * What pre-trade risk may read of our working orders (every order not finished: NEW, ACKED, PARTIALLY_FILLED and
 * UNKNOWN); implemented by execution, read on the decision thread.
 */
public interface WorkingOrdersView
{
    /** Receives one working order. */
    @FunctionalInterface
    interface Visitor
    {
        /**
         * @param instrumentId the instrument.
         * @param side         buy or sell.
         * @param price        limit price in price units, 0 for a market order.
         * @param leaves       quantity still open, quantity units.
         */
        void visit(int instrumentId, Side side, long price, long leaves);
    }

    /** Visits every working order, in no particular order; allocation-free. */
    void forEachWorking(Visitor visitor);
}
