package io.keel.engine;

import io.keel.core.Side;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Signal;
import io.keel.core.event.RejectReason;
import io.keel.ensemble.Blender;
import io.keel.execution.Portfolio;
import io.keel.risk.PreTradeRisk;
import io.keel.risk.RiskLimits;
import io.keel.risk.RiskListener;

/**
 * What the decision chain tells monitoring: counts, the book, the zoo's signals, and sampled stage latencies. The
 * chain never reads a clock: a sink that times stages reads its own (injected) clock in {@link #startDecision},
 * {@link #lap} and friends; {@link #NONE} does nothing and times nothing, so the chain needs no null checks.
 *
 * <p>Called on the decision thread only; implementations must not block or allocate.
 */
public interface DecisionMetrics extends RiskListener
{
    /** Returned by the timers when this sample is not timed. */
    long NOT_TIMED = Long.MIN_VALUE;

    /** Tells nobody, times nothing. */
    DecisionMetrics NONE = new DecisionMetrics()
    {
    };

    /** An inbound event; market events count per instrument. */
    default void onEvent(final int instrumentId, final boolean market)
    {
    }

    /** Re-publishes the book. */
    default void publishBook(final Portfolio portfolio, final PreTradeRisk risk)
    {
    }

    /** Whether an instrument's session is open, at each timer. */
    default void sessionOpen(final int id, final boolean open)
    {
    }

    /** The zoo and the blend of one decision. */
    default void onSignals(final int id, final Signal[] signals, final Blend blend, final Blender blender)
    {
    }

    /** A decision: vetoed by risk (a reason) or sent. */
    default void onDecision(final RejectReason verdict)
    {
    }

    /** An order sent, with the mid it was decided at. */
    default void onSubmit(final int id, final Side side, final double mid)
    {
    }

    /** A fill. */
    default void onFill(final int id, final Side side, final long price)
    {
    }

    /** The venue refused an order. */
    default void onVenueReject(final RejectReason reason)
    {
    }

    /** The kill switch as the chain sees it. */
    default void killSwitch(final boolean engaged)
    {
    }

    /** The risk limits in force and the historical-VaR budget. */
    default void limits(final RiskLimits limits, final double varBudgetUsd)
    {
    }

    /** @return the sink's clock when this decision's stages are to be timed, else {@link #NOT_TIMED}. */
    default long startDecision()
    {
        return NOT_TIMED;
    }

    /** @return the sink's clock when this market event's feature update is to be timed, else {@link #NOT_TIMED}. */
    default long startFeatures()
    {
        return NOT_TIMED;
    }

    /**
     * Records a timed stage (nothing when {@code sinceNs} is {@link #NOT_TIMED}).
     *
     * @return the clock now, to time the next stage from, or {@link #NOT_TIMED}.
     */
    default long lap(final int stage, final long sinceNs)
    {
        return NOT_TIMED;
    }

    /** @return the sink's clock when this journal append is to be timed, else {@link #NOT_TIMED}. */
    default long startJournalAppend()
    {
        return NOT_TIMED;
    }

    /** A journal append started at {@code sinceNs} ended (nothing when it was not timed). */
    default void journalAppended(final long sinceNs)
    {
    }

    @Override
    default void onHalt(final long eventTimeNs, final int instrumentId, final Halt halt, final boolean engaged,
        final String reason)
    {
    }
}
