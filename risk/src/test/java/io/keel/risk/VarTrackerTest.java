package io.keel.risk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarTrackerTest
{
    @Test
    void shouldMatchKupiecsTestInTheLiterature()
    {
        // Jorion, Value at Risk (3rd ed.), 99 % VaR over 250 days: no exception at all already rejects the model at
        // 5 % (LR 5.03 > 3.84); eight exceptions give LR 7.73
        final VarTracker.Kupiec none = VarTracker.Kupiec.test(250, 0, 0.01);
        assertEquals(5.0252, none.lr(), 1e-4);
        assertEquals(0.02498, none.pValue(), 1e-5);
        final VarTracker.Kupiec eight = VarTracker.Kupiec.test(250, 8, 0.01);
        assertEquals(7.7336, eight.lr(), 1e-4);
        assertEquals(0.005420, eight.pValue(), 1e-6);
        assertEquals(0.7419, VarTracker.Kupiec.test(250, 2, 0.01).pValue(), 1e-4, "2 of 250: about as expected");
    }

    @Test
    void shouldAgreeWithTheNormalTable()
    {
        assertEquals(0.975, VarTracker.normalCdf(1.959964), 1e-7);
        assertEquals(0.5, VarTracker.normalCdf(0), 1e-15);
        assertEquals(2.326348, VarTracker.inverseNormal(0.99), 1e-6);
        assertEquals(0.05, 2 * (1 - VarTracker.normalCdf(Math.sqrt(3.841459))), 1e-6, "chi2(1) 95 % quantile");
    }

    @Test
    void shouldTrackVarAndCvarFromDailyPnlAndCountExceptions()
    {
        final VarTracker var = new VarTracker(100, 0.95);
        double equity = 100_000;
        var.onEquity(0, equity);
        // 100 days: P&L -1000, -900, ..., cycling over 20 values from -1000 to +900
        for (int d = 1; d <= 100; d++)
        {
            equity += ((d - 1) % 20) * 100 - 1000;
            var.onEquity(d, equity);
        }
        // the worst 5 % of 100 days: five of -1000: VaR 1000, CVaR 1000; the next worst are -900
        assertEquals(1000, var.historicalVar(), 1e-9);
        assertEquals(1000, var.historicalCvar(), 1e-9);
        assertTrue(var.parametricVar() > 0 && var.parametricCvar() > var.parametricVar(), "normal ES beyond VaR");
        // no loss ever exceeded the forecast: 81 days tested (from day 20 on), 0 exceptions
        assertEquals(80, var.backtest().days());
        assertEquals(0, var.backtest().exceptions());
        equity -= 5_000; // a day far beyond the VaR
        var.onEquity(101, equity);
        assertEquals(1, var.backtest().exceptions());
    }
}
