package io.keel.ingest.quality;

import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.book.LevelBook;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Venue-neutral data-quality checks on inbound market events, per instrument:
 * <ul>
 *   <li>{@code OUT_OF_ORDER}: a timestamp earlier than the instrument's previous one (flagged, passed on);</li>
 *   <li>{@code CROSSED_BOOK} / {@code LOCKED_BOOK}: a quote whose bid is above / equal to its ask, raised when it
 *       happens and cleared when quotes uncross (book-level streams are checked by their venue adapter after each
 *       complete update, since between two level events a book can look crossed without being so);</li>
 *   <li>{@code STUB_QUOTE}: a best bid below {@code stubFraction} of the reference price, or a best ask above
 *       reference / stubFraction (a placeholder quote such as the $1.00 AAPL bid); the quote is dropped;</li>
 *   <li>{@code BAD_PRINT}: a trade price, or a bar's open, high, low or close, outside
 *       {@code [median / (1 + band), median x (1 + band)]} of the last 9 prices, or a bar whose high exceeds
 *       its low by more than {@code spikeRatio}; dropped (the flag carries the price, so nothing is lost). The
 *       window keeps flagged prices too, so an isolated print is caught while a real move to a new level is
 *       accepted once five prices confirm it (the median cannot lag behind a trend and reject it forever);</li>
 *   <li>{@code STALE_FEED}: no event for {@code staleFeedNs} at a timer, raised once and cleared by the next
 *       event.</li>
 * </ul>
 * Suggested settings, from the shared data: ticks and minute bars band 0.5 and spike ratio 2.25; hourly and daily
 * bars band 9 and spike ratio 5, since real days move a lot (AAPL -52 % on 2000-09-29, AIG 12.14 to 1.25 in two
 * days of September 2008) while bad daily prints are extreme (Coinbase's 0.06 low against a 1,178 close, GOOG's
 * 0.01 low of 2008-09-30). See {@link #forBars}.
 *
 * <p>The reference price is the median of recent good trades (or bar closes), else the last good mid. Findings are
 * written to the sink before the event they concern. Single-threaded; allocation-free on clean data (a bad bar
 * allocates a little to report its worst price).
 */
public final class QualityGate
{
    private static final int WINDOW = 9;

    private final InstrumentSpec[] specs;
    private final double band;
    private final double spikeRatio;
    private final double stubFraction;
    private final long staleFeedNs;
    private final LevelBook book;
    private final Event flag = new Event();
    private final long[] lastNs;
    private final QualityCode[] crossed;
    private final boolean[] stale;
    private final long[][] recent;
    private final int[] recentCount;
    private final int[] recentNext;
    private final long[] sorted = new long[WINDOW];
    private final long[] lastMid;
    private final Map<QualityCode, Long> counts = new EnumMap<>(QualityCode.class);

    /**
     * @param instruments  instrument specs, id = index.
     * @param bookDepth    levels of the book to follow.
     * @param band         relative distance from the median beyond which a price is a bad print (e.g. 0.5).
     * @param spikeRatio   a bar whose high exceeds its low by more than this ratio holds a bad print.
     * @param stubFraction a quote this far from the reference (bid below ref x f, ask above ref / f) is a stub.
     * @param staleFeedNs  silence after which a feed is stale.
     */
    public QualityGate(
        final List<InstrumentSpec> instruments, final int bookDepth, final double band, final double spikeRatio,
        final double stubFraction, final long staleFeedNs)
    {
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        final int n = specs.length;
        this.band = band;
        this.spikeRatio = spikeRatio;
        this.stubFraction = stubFraction;
        this.staleFeedNs = staleFeedNs;
        this.book = new LevelBook(n, bookDepth);
        this.lastNs = new long[n];
        this.crossed = new QualityCode[n];
        this.stale = new boolean[n];
        this.recent = new long[n][WINDOW];
        this.recentCount = new int[n];
        this.recentNext = new int[n];
        this.lastMid = new long[n];
    }

    /**
     * Checks one inbound event; findings go to {@code flags} first.
     *
     * @return true when the event should be passed on, false when it was dropped as bad (its flag says why).
     */
    public boolean check(final Event event, final EventSink flags)
    {
        final int id = event.instrumentId;
        if (id < 0 || id >= specs.length)
        {
            return true;
        }
        final long ts = event.timestampNs;
        if (ts < lastNs[id])
        {
            raise(flags, ts, id, QualityCode.OUT_OF_ORDER, lastNs[id] - ts);
        }
        lastNs[id] = Math.max(lastNs[id], ts);
        if (stale[id])
        {
            stale[id] = false;
            emit(flags, ts, id, QualityCode.STALE_FEED, false, 0);
        }
        return switch (event.type)
        {
            case TRADE -> checkPrice(flags, ts, id, event.price, event.price);
            case BAR -> checkBar(flags, event);
            case QUOTE -> checkQuote(flags, event.bidPrice, event.askPrice, ts, id) && applyBook(flags, event);
            case BOOK_LEVEL -> event.level != 0 || event.quantity == 0 ||
                checkQuote(flags, event.side == Side.BUY ? event.price : 0, event.side == Side.SELL ? event.price : 0,
                    ts, id) ? applyBook(flags, event) : false;
            default -> true;
        };
    }

    /**
     * @param longBars true for hourly or daily bars.
     * @param band     band override, or negative for the default of the bar length.
     * @return a gate with the suggested settings for the bar length (stale detection off).
     */
    public static QualityGate forBars(
        final List<InstrumentSpec> instruments, final int bookDepth, final boolean longBars, final double band)
    {
        final double b = band >= 0 ? band : longBars ? 9.0 : 0.5;
        final double spike = band >= 0 ? (1 + band) * (1 + band) : longBars ? 5.0 : 2.25;
        return new QualityGate(instruments, bookDepth, b, spike, 0.5, Long.MAX_VALUE);
    }

    /** Rescales the instrument's remembered prices for a split of {@code newShares} for {@code oldShares}. */
    public void onSplit(final int instrumentId, final long newShares, final long oldShares)
    {
        for (int i = 0; i < recentCount[instrumentId]; i++)
        {
            recent[instrumentId][i] = recent[instrumentId][i] * oldShares / newShares;
        }
        lastMid[instrumentId] = lastMid[instrumentId] * oldShares / newShares;
    }

    /** Raises STALE_FEED for every instrument silent for longer than the threshold; call on each timer. */
    public void onTimer(final long nowNs, final EventSink flags)
    {
        for (int id = 0; id < specs.length; id++)
        {
            if (!stale[id] && lastNs[id] > 0 && nowNs - lastNs[id] > staleFeedNs)
            {
                stale[id] = true;
                raise(flags, nowNs, id, QualityCode.STALE_FEED, nowNs - lastNs[id]);
            }
        }
    }

    private boolean checkBar(final EventSink flags, final Event bar)
    {
        final int id = bar.instrumentId;
        if (bar.low <= 0 || bar.high > bar.low * spikeRatio)
        {
            // a bar whose own range spans more than the band twice over holds a print from another price level
            raise(flags, bar.timestampNs, id, QualityCode.BAD_PRINT, farthest(bar, bar.price));
            remember(id, bar.price);
            return false;
        }
        final long median = median(id);
        if (median > 0 && (outside(bar.open, median) || outside(bar.high, median) || outside(bar.low, median) ||
            outside(bar.price, median)))
        {
            raise(flags, bar.timestampNs, id, QualityCode.BAD_PRINT, farthest(bar, median));
            remember(id, bar.price);
            return false;
        }
        remember(id, bar.price);
        return true;
    }

    /** @return the bar price (open, high, low, close) farthest from {@code reference} in log distance. */
    private static long farthest(final Event bar, final long reference)
    {
        long worst = bar.price;
        double distance = -1;
        for (final long price : new long[] {bar.open, bar.high, bar.low, bar.price})
        {
            final double d = price <= 0 || reference <= 0 ? Double.MAX_VALUE : Math.abs(Math.log((double)price /
                reference));
            if (d > distance)
            {
                distance = d;
                worst = price;
            }
        }
        return worst;
    }

    private boolean checkPrice(
        final EventSink flags, final long ts, final int id, final long price, final long remembered)
    {
        final long median = median(id);
        if (price <= 0 || (median > 0 && outside(price, median)))
        {
            raise(flags, ts, id, QualityCode.BAD_PRINT, price);
            if (price > 0)
            {
                remember(id, remembered);
            }
            return false;
        }
        remember(id, remembered);
        return true;
    }

    private boolean checkQuote(final EventSink flags, final long bid, final long ask, final long ts, final int id)
    {
        final long reference = median(id) > 0 ? median(id) : lastMid[id];
        if (reference <= 0)
        {
            return true;
        }
        if ((bid > 0 && bid < reference * stubFraction) || (ask > 0 && ask > reference / stubFraction))
        {
            raise(flags, ts, id, QualityCode.STUB_QUOTE, bid > 0 && bid < reference * stubFraction ? bid : ask);
            return false;
        }
        return true;
    }

    private boolean applyBook(final EventSink flags, final Event event)
    {
        final int id = event.instrumentId;
        book.apply(event);
        final long bid = book.bestBid(id);
        final long ask = book.bestAsk(id);
        if (bid <= 0 || ask <= 0 || event.type != EventType.QUOTE)
        {
            // A book arrives level by level: between two level events it can look crossed without being so. Only
            // a quote is atomic; venue adapters check their own book after each complete update.
            return true;
        }
        final QualityCode now = bid > ask ? QualityCode.CROSSED_BOOK : bid == ask ? QualityCode.LOCKED_BOOK : null;
        if (now != crossed[id])
        {
            if (crossed[id] != null)
            {
                emit(flags, event.timestampNs, id, crossed[id], false, bid - ask);
            }
            if (now != null)
            {
                emit(flags, event.timestampNs, id, now, true, bid - ask);
            }
            crossed[id] = now;
        }
        final boolean nowCrossed = now != null;
        if (!nowCrossed)
        {
            lastMid[id] = (bid + ask) / 2;
        }
        return true;
    }

    private boolean outside(final long price, final long median)
    {
        return price <= 0 || price > median * (1 + band) || price < median / (1 + band);
    }

    private void remember(final int id, final long price)
    {
        recent[id][recentNext[id]] = price;
        recentNext[id] = (recentNext[id] + 1) % WINDOW;
        recentCount[id] = Math.min(WINDOW, recentCount[id] + 1);
    }

    private long median(final int id)
    {
        final int n = recentCount[id];
        if (n < 5)
        {
            return 0;
        }
        System.arraycopy(recent[id], 0, sorted, 0, n);
        java.util.Arrays.sort(sorted, 0, n);
        return sorted[n / 2];
    }

    private void raise(final EventSink flags, final long ts, final int id, final QualityCode code, final long value)
    {
        emit(flags, ts, id, code, true, value);
    }

    private void emit(
        final EventSink flags, final long ts, final int id, final QualityCode code, final boolean raised,
        final long value)
    {
        if (raised)
        {
            counts.merge(code, 1L, Long::sum);
        }
        flags.onEvent(flag.qualityFlag(ts, id, code, raised, value));
    }

    /** @return findings raised so far, by code (cold path). */
    public Map<QualityCode, Long> counts()
    {
        return counts;
    }

    /** @return true while the instrument's book is crossed or locked. */
    public boolean isCrossed(final int instrumentId)
    {
        return crossed[instrumentId] != null;
    }
}
