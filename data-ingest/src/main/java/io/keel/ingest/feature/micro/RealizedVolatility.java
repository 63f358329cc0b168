package io.keel.ingest.feature.micro;

/**
 * Realised volatility over the last {@code n} log returns: the root mean square return (zero-mean convention), per
 * observation; multiply by the square root of observations per year to annualise. O(1).
 */
public final class RealizedVolatility
{
    private final double[] squares;
    private int next;
    private int count;
    private double sum;
    private double previous = Double.NaN;

    /** @param n returns in the window. */
    public RealizedVolatility(final int n)
    {
        squares = new double[n];
    }

    /** Adds a price. @return the volatility per observation, NaN before the first return. */
    public double update(final double price)
    {
        if (!Double.isNaN(previous) && previous > 0 && price > 0)
        {
            final double r = Math.log(price / previous);
            if (count == squares.length)
            {
                sum -= squares[next];
            }
            squares[next] = r * r;
            next = (next + 1) % squares.length;
            count = Math.min(squares.length, count + 1);
            sum += r * r;
        }
        previous = price;
        return value();
    }

    /** @return the volatility per observation, NaN before the first return. */
    public double value()
    {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, sum) / count);
    }
}
