package io.keel.ingest.feature.micro;

import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;

/**
 * Builds time bars from trades: bars of {@code lengthNs} aligned to the epoch, emitted as BAR events stamped at the
 * bar's end when the first trade of a later bar arrives or a timer passes the end (so a quiet market still closes
 * its bars). Bars with no trade are not emitted. One builder per instrument; allocation-free.
 */
public final class TimeBarBuilder
{
    private final int instrumentId;
    private final long lengthNs;
    private final Event bar = new Event();
    private long barStartNs = Long.MIN_VALUE;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;

    /**
     * @param instrumentId the instrument.
     * @param lengthNs     bar length.
     */
    public TimeBarBuilder(final int instrumentId, final long lengthNs)
    {
        this.instrumentId = instrumentId;
        this.lengthNs = lengthNs;
    }

    /** Adds a trade; emits the previous bar first when the trade belongs to a later one. */
    public void onTrade(final long nowNs, final long price, final long quantity, final EventSink bars)
    {
        final long start = Math.floorDiv(nowNs, lengthNs) * lengthNs;
        if (barStartNs != Long.MIN_VALUE && start > barStartNs)
        {
            emit(bars);
        }
        if (barStartNs == Long.MIN_VALUE)
        {
            barStartNs = start;
            open = price;
            high = price;
            low = price;
            volume = 0;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += quantity;
    }

    /** Closes the open bar if event time has passed its end. */
    public void onTime(final long nowNs, final EventSink bars)
    {
        if (barStartNs != Long.MIN_VALUE && nowNs >= barStartNs + lengthNs)
        {
            emit(bars);
        }
    }

    private void emit(final EventSink bars)
    {
        bar.reset();
        bar.type = EventType.BAR;
        bar.timestampNs = barStartNs + lengthNs;
        bar.instrumentId = instrumentId;
        bar.open = open;
        bar.high = high;
        bar.low = low;
        bar.price = close;
        bar.quantity = volume;
        bar.value = lengthNs;
        bars.onEvent(bar);
        barStartNs = Long.MIN_VALUE;
    }
}
