package io.keel.app.pipeline;

import io.keel.execution.Portfolio;
import io.keel.monitoring.RunSummary;

/** Builds a {@link RunSummary} from a decision chain; call on the decision thread or after it stopped. */
final class Summaries
{
    private Summaries()
    {
    }

    static RunSummary of(final String mode, final DecisionChain chain, final long journalRecords)
    {
        final Portfolio p = chain.portfolio();
        return new RunSummary(mode, chain.inboundEvents(), chain.decisions(), chain.intents(), chain.risk().rejects(),
            chain.fills(), chain.orders().workingCount(), p.realizedTotal(), p.unrealizedTotal(), p.feesTotal(),
            p.equityMoney(), p.initialCash(), journalRecords, chain.timeoutCancels(), chain.historicalVarCuts(),
            risk(chain), p.byCurrency().stream().map(c -> new RunSummary.CurrencyPnl(c.currency(), c.realized(),
                c.unrealized(), c.fees())).toList());
    }

    private static RunSummary.Risk risk(final DecisionChain chain)
    {
        final io.keel.risk.VarTracker var = chain.risk().var();
        final io.keel.risk.VarTracker.Kupiec test = var.backtest();
        return new RunSummary.Risk(var.historicalVar(), var.historicalCvar(), test.days(), test.exceptions(),
            test.pValue(), chain.risk().killSwitchEngaged());
    }
}
