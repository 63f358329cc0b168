package io.keel.execution;

import io.keel.core.InstrumentSpec;

import java.util.List;

/** The matcher contract on the plain reference: the rules themselves, written the obvious way. */
class ReferenceMatcherTest extends MatcherContract
{
    @Override
    Matcher create(final List<InstrumentSpec> specs, final int depth, final long maker, final long taker,
        final long latencyNs)
    {
        return new ReferenceMatcher(specs, depth, maker, taker, latencyNs);
    }
}
