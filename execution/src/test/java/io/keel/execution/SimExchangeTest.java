package io.keel.execution;

import io.keel.core.InstrumentSpec;

import java.util.List;

/** The matcher contract on the fast simulated exchange. */
class SimExchangeTest extends MatcherContract
{
    @Override
    Matcher create(final List<InstrumentSpec> specs, final int depth, final long maker, final long taker,
        final long latencyNs)
    {
        return new SimExchange(specs, depth, maker, taker, latencyNs);
    }
}
