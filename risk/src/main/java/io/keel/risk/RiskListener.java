package io.keel.risk;

/** Told of every halt and reset the risk layer makes (for the audit log); called on the decision thread. */
@FunctionalInterface
public interface RiskListener
{
    /** What changed. */
    enum Halt
    {
        KILL_SWITCH, QUALITY, VOLATILITY, FEED_DIVERGENCE, DAILY_LOSS_STOP, DRAWDOWN_STOP, LOCK_IN, ENTRIES_STOPPED
    }

    /**
     * @param eventTimeNs  event time of the change.
     * @param instrumentId the instrument, or -1 for the whole book.
     * @param halt         which halt.
     * @param engaged      true when it engaged, false when it cleared.
     * @param reason       why, for people.
     */
    void onHalt(long eventTimeNs, int instrumentId, Halt halt, boolean engaged, String reason);

    /** Tells nobody. */
    RiskListener NONE = (eventTimeNs, instrumentId, halt, engaged, reason) ->
    {
    };
}
