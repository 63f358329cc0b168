package io.keel.engine;

import io.keel.execution.OrderDesk;
import io.keel.execution.Portfolio;
import io.keel.monitoring.RunSummary;

/** Builds a {@link RunSummary} from a decision chain; call on the decision thread or after it stopped. */
public final class Summaries
{
    private Summaries()
    {
    }

    /** @return the summary of a run of {@code mode} whose chain is {@code chain}. */
    public static RunSummary of(final String mode, final DecisionChain chain, final long journalRecords)
    {
        final Portfolio p = chain.portfolio();
        final java.util.List<RunSummary.CurrencyPnl> currencies = new java.util.ArrayList<>();
        for (final Portfolio.CurrencyPnl c : p.byCurrency())
        {
            currencies.add(new RunSummary.CurrencyPnl(c.currency(), c.realized(), c.unrealized(), c.fees()));
        }
        final OrderDesk desk = chain.desk();
        return new RunSummary(mode, chain.inboundEvents(), chain.decisions(), desk.sent(), chain.risk().rejects(),
            desk.fills(), desk.orders().workingCount(), p.realizedTotal(), p.unrealizedTotal(), p.feesTotal(),
            p.equityMoney(), p.initialCash(), journalRecords, desk.timeoutCancels(), chain.sizer().historicalVarCuts(),
            risk(chain), java.util.List.copyOf(currencies));
    }

    private static RunSummary.Risk risk(final DecisionChain chain)
    {
        final io.keel.risk.VarTracker var = chain.risk().var();
        final io.keel.risk.VarTracker.Kupiec test = var.backtest();
        return new RunSummary.Risk(var.historicalVar(), var.historicalCvar(), test.days(), test.exceptions(),
            test.pValue(), chain.risk().killSwitchEngaged());
    }
}
