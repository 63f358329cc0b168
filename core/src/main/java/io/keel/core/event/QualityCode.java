package io.keel.core.event;

/**
 * A data-quality finding about an instrument's feed.
 *
 * <p>Ordinals are persisted in the journal: append only, never reorder.
 */
public enum QualityCode
{
    NONE,
    STALE_FEED,
    SEQUENCE_GAP,
    CROSSED_BOOK,
    BAD_PRINT,
    OUT_OF_ORDER,
    DUPLICATE,
    STUB_QUOTE,
    LOCKED_BOOK,
    CLOCK_SKEW,
    TRUNCATED_SESSION,
    BOOK_RESYNCED,
    TRADING_HALT;

    private static final QualityCode[] VALUES = values();

    /** @return the value for a persisted ordinal, or null if unknown. */
    public static QualityCode fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
