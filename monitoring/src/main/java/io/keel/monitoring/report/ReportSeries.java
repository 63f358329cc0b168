package io.keel.monitoring.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The series a backtest report draws from daily equity: the underwater curve, the worst drawdowns, daily and monthly
 * returns, the return distribution and a rolling Sharpe ratio. Model maths (doubles); risk-free rate 0.
 */
public final class ReportSeries
{
    private ReportSeries()
    {
    }

    /**
     * A drawdown: from a peak to the trough below it and back to the peak's level.
     *
     * @param peak     index of the peak.
     * @param trough   index of the lowest point before recovery.
     * @param recovery index of the first point back at or above the peak, -1 if it never recovered.
     * @param depth    1 - trough / peak.
     */
    public record Drawdown(int peak, int trough, int recovery, double depth)
    {
    }

    /** @return equity / running peak - 1 at each point (0 at a new high). */
    public static double[] underwater(final double[] equity)
    {
        final double[] out = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++)
        {
            peak = Math.max(peak, equity[i]);
            out[i] = equity[i] / peak - 1;
        }
        return out;
    }

    /** @return the {@code count} deepest drawdown episodes, deepest first (episodes do not overlap). */
    public static List<Drawdown> worstDrawdowns(final double[] equity, final int count)
    {
        final List<Drawdown> all = new ArrayList<>();
        int peak = 0;
        int trough = -1;
        for (int i = 1; i < equity.length; i++)
        {
            if (equity[i] >= equity[peak])
            {
                if (trough >= 0)
                {
                    all.add(new Drawdown(peak, trough, i, 1 - equity[trough] / equity[peak]));
                    trough = -1;
                }
                peak = i;
            }
            else if (trough < 0 || equity[i] < equity[trough])
            {
                trough = i;
            }
        }
        if (trough >= 0)
        {
            all.add(new Drawdown(peak, trough, -1, 1 - equity[trough] / equity[peak]));
        }
        all.sort(Comparator.comparingDouble(Drawdown::depth).reversed());
        return all.subList(0, Math.min(count, all.size()));
    }

    /** @return {@code equity[i] / equity[i - 1] - 1} for i from 1. */
    public static double[] returns(final double[] equity)
    {
        final double[] out = new double[Math.max(0, equity.length - 1)];
        for (int i = 1; i < equity.length; i++)
        {
            out[i - 1] = equity[i] / equity[i - 1] - 1;
        }
        return out;
    }

    /**
     * Monthly returns: each calendar month's last equity against the previous month's last (the first month
     * against the starting equity).
     *
     * @param start   equity before the first day.
     * @param days    epoch day of each equity point.
     * @param equity  equity at each day's end.
     * @return rows {@code [year, month (1-12), return]}.
     */
    public static List<double[]> monthly(final double start, final long[] days, final double[] equity)
    {
        final List<double[]> rows = new ArrayList<>();
        double previous = start;
        for (int i = 0; i < days.length; i++)
        {
            final LocalDate d = LocalDate.ofEpochDay(days[i]);
            final boolean monthEnds = i == days.length - 1 || LocalDate.ofEpochDay(days[i + 1]).getMonthValue() !=
                d.getMonthValue() || LocalDate.ofEpochDay(days[i + 1]).getYear() != d.getYear();
            if (monthEnds)
            {
                rows.add(new double[] {d.getYear(), d.getMonthValue(), equity[i] / previous - 1});
                previous = equity[i];
            }
        }
        return rows;
    }

    /**
     * A histogram of values over {@code bins} equal bins from the smallest to the largest.
     *
     * @return {@code [edges (bins + 1), counts (bins)]}; empty arrays for no values.
     */
    public static double[][] histogram(final double[] values, final int bins)
    {
        if (values.length == 0)
        {
            return new double[][] {new double[0], new double[0]};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final double v : values)
        {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min)
        {
            max = min + 1e-12;
        }
        final double width = (max - min) / bins;
        final double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++)
        {
            edges[b] = min + b * width;
        }
        final double[] counts = new double[bins];
        for (final double v : values)
        {
            counts[Math.min(bins - 1, (int)((v - min) / width))]++;
        }
        return new double[][] {edges, counts};
    }

    /**
     * Rolling annualised Sharpe ratio of daily returns over {@code window} days (NaN until the window fills or when
     * the returns do not vary).
     */
    public static double[] rollingSharpe(final double[] returns, final int window, final int daysPerYear)
    {
        final double[] out = new double[returns.length];
        for (int i = 0; i < returns.length; i++)
        {
            if (i + 1 < window)
            {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int j = i + 1 - window; j <= i; j++)
            {
                sum += returns[j];
            }
            final double mean = sum / window;
            double squares = 0;
            for (int j = i + 1 - window; j <= i; j++)
            {
                squares += (returns[j] - mean) * (returns[j] - mean);
            }
            final double std = Math.sqrt(squares / (window - 1));
            out[i] = std > 0 ? mean / std * Math.sqrt(daysPerYear) : Double.NaN;
        }
        return out;
    }
}
