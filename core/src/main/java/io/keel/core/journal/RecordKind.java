package io.keel.core.journal;

/** Record kinds of the journal's framing. Values are persisted. */
public final class RecordKind
{
    /**
     * Schema version written; bumped on any change of a record's layout. Version 2 added the target of a
     * CONFIG_CHANGE (a model's index) and the sizing inputs of a decision record (blend horizon, gross notional and
     * VaR of the other positions, size before the historical-VaR cut, cross-instrument allocation). Version 3 added the
     * replaced order's id to an ORDER_INTENT (cancel/replace). Version 5 added the named order to an OPERATOR_COMMAND
     * (cancel one order). Version 6 added the parent order of an ORDER_INTENT (a child an execution algorithm sends)
     * and the algorithm to a decision record. Version 7 added whether a decision record is a close-out.
     */
    public static final byte SCHEMA_VERSION = 7;
    /** Oldest schema version this build still reads (fields added since read as their defaults). */
    public static final byte OLDEST_READABLE_SCHEMA_VERSION = 1;

    /** An {@link io.keel.core.event.Event}; the event type follows. */
    public static final byte EVENT = 1;
    /** A {@link io.keel.core.decision.DecisionRecord}. */
    public static final byte DECISION = 2;
    /** A {@link RunHeader}. */
    public static final byte RUN_HEADER = 3;
    /** Clean end of a run: the writer closed normally. */
    public static final byte RUN_END = 4;
    /** Returned by the reader when no record is left. */
    public static final byte END_OF_JOURNAL = -1;

    private RecordKind()
    {
    }
}
