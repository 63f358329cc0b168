package io.keel.core.decision;

/** What the decision layers may read of the book of positions; implemented by execution, read on one thread. */
public interface PortfolioView
{
    /** @return signed position of an instrument in quantity units. */
    long positionQuantity(int instrumentId);

    /** @return cash plus positions marked to the latest mid, in money units. */
    long equityMoney();

    /** @return the latest mark (mid) of an instrument in price units, 0 before any. */
    long markPrice(int instrumentId);
}
