package io.keel.backtest;

import java.util.Arrays;

/** Each day's closing equity and buy-and-hold value, in day order (a growable column store). */
final class DailyEquity
{
    private long[] days = new long[64];
    private long[] equity = new long[64];
    private double[] benchmark = new double[64];
    private int count;

    /** Closes a day: equity (money units) and the buy-and-hold value at its last event. */
    void add(final long day, final long dayEquity, final double dayBenchmark)
    {
        if (count == days.length)
        {
            days = Arrays.copyOf(days, count * 2);
            equity = Arrays.copyOf(equity, count * 2);
            benchmark = Arrays.copyOf(benchmark, count * 2);
        }
        days[count] = day;
        equity[count] = dayEquity;
        benchmark[count] = dayBenchmark;
        count++;
    }

    long[] days()
    {
        return Arrays.copyOf(days, count);
    }

    long[] equity()
    {
        return Arrays.copyOf(equity, count);
    }

    double[] benchmark()
    {
        return Arrays.copyOf(benchmark, count);
    }
}
