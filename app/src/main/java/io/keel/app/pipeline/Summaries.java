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
            p.equityMoney(), p.initialCash(), journalRecords, chain.timeoutCancels(), chain.historicalVarCuts());
    }
}
