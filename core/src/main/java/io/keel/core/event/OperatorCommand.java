package io.keel.core.event;

/**
 * An operator's instruction, journaled like any other input.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum OperatorCommand
{
    NONE(0),
    KILL(1),
    RESET_KILL(2),
    CANCEL_ALL(3),
    SHUTDOWN(4),
    /**
     * Engage the kill switch, cancel every working order and close every position with market orders once the
     * instrument's orders are done.
     */
    FLATTEN_ALL(5),
    /**
     * On an ORDER_INTENT: cancel/replace. The intent is the new order (its own client order id, side, price,
     * quantity) and {@code value} is the client order id it replaces; the venue cancels the old one and takes the new
     * one, or rejects the new one when the old is no longer working.
     */
    REPLACE(6),
    /** Stop new entries: risk-increasing orders are refused, working orders and exits go on. */
    STOP_ENTRIES(7),
    /** Allow new entries again after {@link #STOP_ENTRIES}. */
    RESUME_ENTRIES(8),
    /** Cancel one working order: {@code clientOrderId} names it. */
    CANCEL_ORDER(9),
    /** Close one instrument's position ({@code instrumentId}): cancel its working orders, then a market order. */
    CLOSE_POSITION(10);

    private static final OperatorCommand[] BY_CODE = EnumCodes.byCode(OperatorCommand.class, OperatorCommand::code);
    private final byte code;

    OperatorCommand(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static OperatorCommand fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
