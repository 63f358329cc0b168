package io.keel.ingest.feature.micro;

/**
 * Order-flow imbalance of Cont, Kukanov and Stoikov (2014): for consecutive best quotes,
 * {@code e = [Pb >= Pb'] qb - [Pb <= Pb'] qb' - [Pa <= Pa'] qa + [Pa >= Pa'] qa'} (primes: previous quote), the net
 * size added on the bid minus that on the ask. Summed over a sliding window of the last {@code n} quote updates.
 */
public final class OrderFlowImbalance
{
    private final double[] window;
    private int next;
    private int count;
    private double sum;
    private double bid = Double.NaN;
    private double bidSize;
    private double ask;
    private double askSize;

    /** @param n quote updates in the window. */
    public OrderFlowImbalance(final int n)
    {
        window = new double[n];
    }

    /** Adds a best quote. @return this update's contribution {@code e}. */
    public double update(final double newBid, final double newBidSize, final double newAsk, final double newAskSize)
    {
        double e = 0;
        if (!Double.isNaN(bid))
        {
            e = (newBid >= bid ? newBidSize : 0) - (newBid <= bid ? bidSize : 0) -
                (newAsk <= ask ? newAskSize : 0) + (newAsk >= ask ? askSize : 0);
        }
        bid = newBid;
        bidSize = newBidSize;
        ask = newAsk;
        askSize = newAskSize;
        if (count == window.length)
        {
            sum -= window[next];
        }
        window[next] = e;
        next = (next + 1) % window.length;
        count = Math.min(window.length, count + 1);
        sum += e;
        return e;
    }

    /** @return the windowed sum of contributions. */
    public double value()
    {
        return sum;
    }
}
