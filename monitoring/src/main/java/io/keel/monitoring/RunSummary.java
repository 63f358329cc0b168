package io.keel.monitoring;

import io.keel.core.FixedPoint;

/**
 * What a run did, printed when it stops. Money fields are in {@link FixedPoint#MONEY_SCALE} units.
 *
 * @param mode            mode profile.
 * @param inboundEvents   inbound events processed by the decision chain.
 * @param decisions       decision records written (orders and vetoes).
 * @param orders          orders sent.
 * @param vetoes          orders vetoed by pre-trade risk.
 * @param fills           fills booked.
 * @param workingOrders   orders still working at the end (0 after a clean stop).
 * @param realizedPnl     realised P&amp;L before fees.
 * @param unrealizedPnl   unrealised P&amp;L at the last marks.
 * @param fees            fees paid.
 * @param equity          cash plus marked positions.
 * @param initialCash     starting cash.
 * @param journalRecords  records written to the journal (0 when off).
 * @param timeoutCancels  working orders canceled by execution.orderTimeoutMs.
 * @param historicalVarCuts orders scaled down to keep the historical VaR under sizing.varBudgetUsd.
 */
public record RunSummary(
    String mode,
    long inboundEvents,
    long decisions,
    long orders,
    long vetoes,
    long fills,
    long workingOrders,
    long realizedPnl,
    long unrealizedPnl,
    long fees,
    long equity,
    long initialCash,
    long journalRecords,
    long timeoutCancels,
    long historicalVarCuts,
    Risk risk,
    java.util.List<CurrencyPnl> byCurrency)
{
    /**
     * P&amp;L of one quote currency's instruments (not converted).
     *
     * @param currency   e.g. USD, USDT.
     * @param realized   realised, money units.
     * @param unrealized unrealised at the marks, money units.
     * @param fees       fees, money units.
     */
    public record CurrencyPnl(String currency, long realized, long unrealized, long fees)
    {
    }

    /**
     * The risk overlay at the end of the run.
     *
     * @param varUsd         one-day historical VaR of the book from its daily P&amp;L (NaN under 20 days).
     * @param cvarUsd        one-day historical CVaR.
     * @param varDays        days the VaR forecast was tested on.
     * @param varExceptions  days whose loss exceeded the forecast.
     * @param kupiecPValue   Kupiec proportion-of-failures p-value (NaN before any test).
     * @param killSwitch     whether the kill switch is engaged.
     */
    public record Risk(
        double varUsd, double cvarUsd, int varDays, int varExceptions, double kupiecPValue, boolean killSwitch)
    {
    }

    /** @return net P&amp;L: realised + unrealised - fees. */
    public long netPnl()
    {
        return realizedPnl + unrealizedPnl - fees;
    }

    /** @return a short multi-line report for the console. */
    public String format()
    {
        return "summary: mode=" + mode + "\n" +
            "  events=" + inboundEvents + " decisions=" + decisions + " orders=" + orders + " vetoes=" + vetoes +
            " fills=" + fills + " working_orders=" + workingOrders + "\n" +
            "  realized_pnl=" + usd(realizedPnl) + " unrealized_pnl=" + usd(unrealizedPnl) + " fees=" + usd(fees) +
            " net_pnl=" + usd(netPnl()) + "\n" +
            "  equity=" + usd(equity) + " initial_cash=" + usd(initialCash) + " journal_records=" + journalRecords +
            "\n" +
            "  timeout_cancels=" + timeoutCancels + " historical_var_cuts=" + historicalVarCuts + "\n" +
            "  var_1d=" + number(risk.varUsd()) + " cvar_1d=" + number(risk.cvarUsd()) + " var_exceptions=" +
            risk.varExceptions() + "/" + risk.varDays() + " kupiec_p=" + number(risk.kupiecPValue()) +
            " kill_switch=" + (risk.killSwitch() ? "engaged" : "off") + currencies();
    }

    private String currencies()
    {
        final StringBuilder out = new StringBuilder();
        for (final CurrencyPnl c : byCurrency)
        {
            out.append("\n  pnl_").append(c.currency().toLowerCase(java.util.Locale.ROOT)).append(": realized=")
                .append(usd(c.realized())).append(" unrealized=").append(usd(c.unrealized())).append(" fees=")
                .append(usd(c.fees()));
        }
        return out.toString();
    }

    private static String number(final double value)
    {
        if (!Double.isFinite(value))
        {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, value < 0.01 && value > 0 ? "%.2e" : "%.2f", value);
    }

    private static String usd(final long money)
    {
        final long cents = FixedPoint.rescale(money, FixedPoint.MONEY_SCALE, 2, FixedPoint.Rounding.HALF_EVEN);
        return FixedPoint.toText(cents, 2);
    }
}
