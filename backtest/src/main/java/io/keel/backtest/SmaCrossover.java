package io.keel.backtest;

/**
 * The reference strategy, meant to be checked against other engines: SMA(fast) against SMA(slow) of the bar closes,
 * long only, all in with a fractional quantity, filled at the next bar's open, no fees. Goes long when the fast
 * average crosses above the slow one, goes flat when it crosses below. Exact: prices and cash are fixed-point
 * ({@link BarCsv#SCALE} decimals), quantities have {@link #QUANTITY_SCALE} decimals, rounded down; no allocation per
 * bar.
 *
 * <p>The semantics are ta4j's, so the two can be compared trade by trade: an average over fewer bars than its window
 * at the start of the series (SMAIndicator), a crossing as ta4j's CrossIndicator sees it (equal averages are not a
 * crossing, and are looked through to the last unequal bar), no signal before bar {@code slow} (unstable bars), a
 * signal on the last bar not traded (there is no next open), an open position marked at the last close.
 */
public final class SmaCrossover
{
    /** Decimals of quantities. */
    public static final int QUANTITY_SCALE = 10;
    private static final long QUANTITY_ONE = 10_000_000_000L;

    private final int fast;
    private final int slow;

    /** The trades of a run, by index. */
    public static final class Result
    {
        /** Entry and exit bar indices (exit -1: still open at the end), prices, quantities; {@code count} used. */
        public final int[] entryBar;
        public final int[] exitBar;
        public final long[] entryPrice;
        public final long[] exitPrice;
        public final long[] quantity;
        public int count;
        /** Cash at the end plus the open position at the last close, {@link BarCsv#SCALE} decimals. */
        public long finalEquity;
        /** Bars in the market (from an entry's bar to its exit's bar, exclusive). */
        public long barsInMarket;

        public Result(final int capacity)
        {
            entryBar = new int[capacity];
            exitBar = new int[capacity];
            entryPrice = new long[capacity];
            exitPrice = new long[capacity];
            quantity = new long[capacity];
        }
    }

    /**
     * @param fast bars of the fast average.
     * @param slow bars of the slow average (more than fast).
     */
    public SmaCrossover(final int fast, final int slow)
    {
        if (fast < 1 || slow <= fast || slow > 100_000)
        {
            throw new IllegalArgumentException("sma_crossover needs 1 <= fast < slow <= 100000, got fast " + fast +
                ", slow " + slow);
        }
        this.fast = fast;
        this.slow = slow;
    }

    /** @return a result big enough for a run over {@code bars} bars (allocate once, reuse). */
    public static Result resultFor(final int bars)
    {
        return new Result(bars / 2 + 1);
    }

    /**
     * Runs over the first {@code n} bars.
     *
     * @param cash initial cash, {@link BarCsv#SCALE} decimals.
     */
    public void run(final long[] open, final long[] close, final int n, final long cash, final Result out)
    {
        run(open, close, n, cash, out, null);
    }

    /**
     * Runs over the first {@code n} bars, writing each bar's equity marked at its close into {@code marked}.
     *
     * @param marked equity at each bar's close ({@link BarCsv#SCALE} decimals), or null.
     */
    public void run(final long[] open, final long[] close, final int n, final long cash, final Result out,
        final long[] marked)
    {
        out.count = 0;
        out.barsInMarket = 0;
        long fastSum = 0;
        long slowSum = 0;
        long money = cash;
        long held = 0;
        boolean pendingEntry = false;
        boolean pendingExit = false;
        // sign of (slow - fast) at the last bar where the averages differed, and that bar's index
        int lastSign = 0;
        int lastSignBar = -1;
        for (int i = 0; i < n; i++)
        {
            if (pendingEntry)
            {
                held = mulDivFloor(money, QUANTITY_ONE, open[i]);
                money -= mulDivCeil(held, open[i], QUANTITY_ONE);
                out.entryBar[out.count] = i;
                out.entryPrice[out.count] = open[i];
                out.quantity[out.count] = held;
                out.exitBar[out.count] = -1;
                pendingEntry = false;
            }
            else if (pendingExit)
            {
                money += mulDivFloor(held, open[i], QUANTITY_ONE);
                out.exitBar[out.count] = i;
                out.exitPrice[out.count] = open[i];
                out.barsInMarket += i - out.entryBar[out.count];
                out.count++;
                held = 0;
                pendingExit = false;
            }
            fastSum += close[i] - (i >= fast ? close[i - fast] : 0);
            slowSum += close[i] - (i >= slow ? close[i - slow] : 0);
            // slow - fast, compared exactly: slowSum / slowCount against fastSum / fastCount
            final long fastCount = Math.min(i + 1, fast);
            final long slowCount = Math.min(i + 1, slow);
            final int sign = Long.compare(Math.multiplyExact(slowSum, fastCount), Math.multiplyExact(fastSum,
                slowCount));
            final boolean crossedUp = sign < 0 && i > 0 && crossedFrom(1, lastSign, lastSignBar, i);
            final boolean crossedDown = sign > 0 && i > 0 && crossedFrom(-1, lastSign, lastSignBar, i);
            if (sign != 0)
            {
                lastSign = sign;
                lastSignBar = i;
            }
            if (marked != null)
            {
                marked[i] = held == 0 ? money : money + mulDivFloor(held, close[i], QUANTITY_ONE);
            }
            if (i < slow || i == n - 1)
            {
                continue; // unstable, or no next open to fill at
            }
            if (held == 0 && crossedUp)
            {
                pendingEntry = true;
            }
            else if (held > 0 && crossedDown)
            {
                pendingExit = true;
            }
        }
        if (held > 0)
        {
            out.barsInMarket += n - out.entryBar[out.count];
            out.count++;
        }
        out.finalEquity = money + mulDivFloor(held, close[n - 1], QUANTITY_ONE);
    }

    /**
     * ta4j's CrossIndicator looking back from bar {@code i}: the previous bar differed with {@code from}'s sign, or
     * the last differing bar before a run of equal ones did and is not bar 0.
     */
    private static boolean crossedFrom(final int from, final int lastSign, final int lastSignBar, final int i)
    {
        if (lastSignBar == i - 1)
        {
            return lastSign == from;
        }
        return lastSignBar > 0 && lastSign == from;
    }

    /** @return floor(a * b / c) for non-negative a, b and positive c, when it fits a long. */
    public static long mulDivFloor(final long a, final long b, final long c)
    {
        long q = (long)((double)a * (double)b / (double)c);
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        while (q > 0 && greater(Math.multiplyHigh(q, c), q * c, hi, lo))
        {
            q--; // q * c > a * b
        }
        while (!greater(Math.multiplyHigh(q + 1, c), (q + 1) * c, hi, lo))
        {
            q++; // (q + 1) * c <= a * b
        }
        return q;
    }

    /** @return ceil(a * b / c). */
    public static long mulDivCeil(final long a, final long b, final long c)
    {
        final long q = mulDivFloor(a, b, c);
        return Math.multiplyHigh(q, c) == Math.multiplyHigh(a, b) && q * c == a * b ? q : q + 1;
    }

    /** @return true when the 128-bit (hi1, lo1) is greater than (hi2, lo2), both non-negative. */
    private static boolean greater(final long hi1, final long lo1, final long hi2, final long lo2)
    {
        return hi1 != hi2 ? hi1 > hi2 : Long.compareUnsigned(lo1, lo2) > 0;
    }
}
