package io.keel.core.event;

/** What an {@link Event} slot carries. Codes are persisted in the journal: append only, never renumber. */
public enum EventType
{
    NONE(0, false),
    TRADE(1, true),
    QUOTE(2, true),
    BOOK_LEVEL(3, true),
    BAR(4, true),
    FUNDING_RATE(5, true),
    TIMER(6, true),
    OPERATOR_COMMAND(7, true),
    ORDER_INTENT(8, false),
    EXECUTION_REPORT(9, true),
    QUALITY_FLAG(10, true),
    CONFIG_CHANGE(11, true),
    CORPORATE_ACTION(12, true);

    private static final EventType[] BY_CODE = new EventType[16];

    static
    {
        for (final EventType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;
    private final boolean inbound;

    EventType(final int code, final boolean inbound)
    {
        this.code = (byte)code;
        this.inbound = inbound;
    }

    /** @return the persisted code. */
    public byte code()
    {
        return code;
    }

    /** @return true when the event enters the decision chain (replayed); false for our own output. */
    public boolean isInbound()
    {
        return inbound;
    }

    /** @return true for a venue's market data (trades, quotes, book levels, bars, funding). */
    public boolean isMarketData()
    {
        return this == TRADE || this == QUOTE || this == BOOK_LEVEL || this == BAR || this == FUNDING_RATE;
    }

    /** @return the type for a persisted code, or null if unknown. */
    public static EventType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
