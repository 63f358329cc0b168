package io.keel.core.event;

/**
 * A data-quality finding about an instrument's feed.
 *
 * <p>Persisted in the journal by its explicit code: a new value takes a new code, and no code is ever reused.
 */
public enum QualityCode
{
    NONE(0),
    STALE_FEED(1),
    SEQUENCE_GAP(2),
    CROSSED_BOOK(3),
    BAD_PRINT(4),
    OUT_OF_ORDER(5),
    DUPLICATE(6),
    STUB_QUOTE(7),
    LOCKED_BOOK(8),
    CLOCK_SKEW(9),
    TRUNCATED_SESSION(10),
    BOOK_RESYNCED(11),
    TRADING_HALT(12);

    private static final QualityCode[] BY_CODE = EnumCodes.byCode(QualityCode.class, QualityCode::code);
    private final byte code;

    QualityCode(final int code)
    {
        this.code = (byte)code;
    }

    /** @return the code persisted in the journal (explicit: never the ordinal). */
    public byte code()
    {
        return code;
    }

    /** @return the value of a persisted code, or null if unknown. */
    public static QualityCode fromCode(final int code)
    {
        return EnumCodes.lookup(BY_CODE, code);
    }
}
