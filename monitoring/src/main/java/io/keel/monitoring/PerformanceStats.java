package io.keel.monitoring;

/**
 * A backtest's statistics from its daily marked-to-market equity and its closed trades (risk-free rate 0): total
 * return, CAGR, annualised volatility, Sharpe, Sortino, Calmar, maximum drawdown (fraction and duration in days), win
 * rate, profit factor, expectancy, average win and loss. Daily returns are {@code equity[d] / equity[d - 1] - 1};
 * volatility is their sample standard deviation times {@code sqrt(daysPerYear)} (252 for stocks, 365 for crypto);
 * Sortino divides by the downside deviation {@code sqrt(mean(min(r, 0)^2))}; CAGR compounds over
 * {@code returns / daysPerYear} years. A ratio whose denominator is zero is NaN, not infinity.
 *
 * @param days            daily returns used.
 * @param maxDrawdownDays longest stretch, in days, from a peak to the day equity first regained it (or the end).
 */
public record PerformanceStats(
    int days, double totalReturn, double cagr, double volatility, double sharpe, double sortino, double calmar,
    double maxDrawdown, int maxDrawdownDays, int trades, double winRate, double profitFactor, double expectancy,
    double averageWin, double averageLoss)
{
    /**
     * @param equity      equity at each day's end, oldest first (at least two).
     * @param tradePnl    each closed trade's P&amp;L, in money.
     * @param daysPerYear 252 or 365.
     */
    public static PerformanceStats of(final double[] equity, final double[] tradePnl, final int daysPerYear)
    {
        if (equity.length < 2 || daysPerYear <= 0)
        {
            throw new IllegalArgumentException("statistics need at least two days of equity");
        }
        final int n = equity.length - 1;
        double sum = 0;
        double downside = 0;
        for (int d = 1; d <= n; d++)
        {
            final double r = equity[d] / equity[d - 1] - 1;
            sum += r;
            downside += r < 0 ? r * r : 0;
        }
        final double mean = sum / n;
        double squares = 0;
        for (int d = 1; d <= n; d++)
        {
            final double r = equity[d] / equity[d - 1] - 1 - mean;
            squares += r * r;
        }
        final double std = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
        final double downsideDeviation = Math.sqrt(downside / n);
        final double annual = Math.sqrt(daysPerYear);
        final double total = equity[n] / equity[0] - 1;
        final double years = (double)n / daysPerYear;
        final double cagr = Math.pow(equity[n] / equity[0], 1 / years) - 1;
        double peak = equity[0];
        int peakDay = 0;
        double maxDrawdown = 0;
        int longest = 0;
        for (int d = 1; d <= n; d++)
        {
            if (equity[d] >= peak)
            {
                if (d - peakDay > 1)
                {
                    longest = Math.max(longest, d - peakDay); // the days between were under the peak
                }
                peak = equity[d];
                peakDay = d;
            }
            maxDrawdown = Math.max(maxDrawdown, 1 - equity[d] / peak);
        }
        longest = Math.max(longest, equity[n] < peak ? n - peakDay : 0);
        return withTrades(n, total, cagr, std * annual, ratio(mean * annual, std), ratio(mean * annual,
            downsideDeviation), ratio(cagr, maxDrawdown), maxDrawdown, longest, tradePnl);
    }

    private static PerformanceStats withTrades(final int n, final double total, final double cagr, final double vol,
        final double sharpe, final double sortino, final double calmar, final double maxDrawdown, final int longest,
        final double[] tradePnl)
    {
        int wins = 0;
        int losses = 0;
        double won = 0;
        double lost = 0;
        for (final double pnl : tradePnl)
        {
            if (pnl > 0)
            {
                wins++;
                won += pnl;
            }
            else if (pnl < 0)
            {
                losses++;
                lost -= pnl;
            }
        }
        final int trades = tradePnl.length;
        return new PerformanceStats(n, total, cagr, vol, sharpe, sortino, calmar, maxDrawdown, longest, trades,
            trades == 0 ? Double.NaN : (double)wins / trades, lost == 0 ? Double.NaN : won / lost,
            trades == 0 ? Double.NaN : (won - lost) / trades, wins == 0 ? Double.NaN : won / wins,
            losses == 0 ? Double.NaN : -lost / losses);
    }

    private static double ratio(final double numerator, final double denominator)
    {
        return denominator == 0 || Double.isNaN(denominator) ? Double.NaN : numerator / denominator;
    }
}
