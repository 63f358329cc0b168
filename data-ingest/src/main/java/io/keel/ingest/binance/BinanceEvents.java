package io.keel.ingest.binance;

import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.QualityCode;
import io.keel.ingest.quality.QualityGate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Binance market-data messages (from a capture file or a live connection) into inbound events: the depth
 * diffs and snapshot rebuild the L2 book under
 * Binance's sequence rules, and every change to its top {@code sim.bookLevels} levels becomes a BOOK_LEVEL event;
 * trades become TRADE events (aggressor = the taker); timers are added each {@code run.timerIntervalMs} of event
 * time; data-quality findings become QUALITY_FLAG events and are counted in the report: sequence gaps (book stale
 * until the next snapshot), resyncs, crossed books, duplicate or missing trade ids, receive times that go back, and
 * clock skew between the local receive time and the exchange's event time. Events are stamped with the local receive
 * time, as the live daemon would see them. bookTicker messages are checked against the rebuilt book (a mismatch is
 * an anomaly) but not journaled: the book events already carry the top of book.
 */
public final class BinanceEvents implements BinanceCaptureReader.Listener
{
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BinanceEvents.class);
    private static final long SKEW_THRESHOLD_MS = 1_000;
    private static final long STALE_FEED_NS = 5_000_000_000L;

    private final InstrumentSpec spec;
    private final EventSink out;
    private final BinanceBookBuilder book;
    private final QualityGate gate;
    private final int depth;
    private final long timerIntervalNs;
    private final Map<String, Long> anomalies = new TreeMap<>();
    private String source = "live stream";
    private Object[] firstMalformed;
    private final List<String> notes = new java.util.ArrayList<>();
    private final Event event = new Event();
    private final long[] levelPrice;
    private final long[] levelQuantity;
    private final long[][] emittedPrice = new long[2][];
    private final long[][] emittedQuantity = new long[2][];
    private long nextTimerNs;
    private long timerId;
    private boolean publishTimers = true;
    private long lastReceiveNs;
    private long lastTradeId = -1;
    private boolean skewed;
    private QualityCode crossed;
    private long minSkewMs = Long.MAX_VALUE;
    private long maxSkewMs = Long.MIN_VALUE;

    /**
     * @param loaded configuration (book depth, timer interval).
     * @param spec   the instrument.
     * @param market spot or USD-M chaining rules.
     * @param out    where events go, in order.
     */
    public BinanceEvents(
        final LoadedConfig loaded, final InstrumentSpec spec, final BinanceBookBuilder.Market market,
        final EventSink out)
    {
        this.spec = spec;
        this.out = out;
        this.book = new BinanceBookBuilder(market);
        this.gate = new QualityGate(loaded.instruments(), loaded.config().sim().bookLevels(), 0.5, 2.25, 0.5,
            STALE_FEED_NS);
        this.depth = loaded.config().sim().bookLevels();
        this.timerIntervalNs = loaded.config().run().timerIntervalMs() * 1_000_000L;
        this.levelPrice = new long[depth];
        this.levelQuantity = new long[depth];
        for (int side = 0; side < 2; side++)
        {
            emittedPrice[side] = new long[depth];
            emittedQuantity[side] = new long[depth];
        }
    }

    /**
     * Publishes no TIMER events (the staleness checks still run at the interval): a live process has one timer
     * source for all its feeds, not one per feed. Imports keep them (the capture's receive times are the only clock).
     *
     * @return this.
     */
    public BinanceEvents withoutTimers()
    {
        publishTimers = false;
        return this;
    }

    /** Ends the stream: adds the summary notes (clock skew range, dropped diffs). */
    public void finish()
    {
        if (minSkewMs != Long.MAX_VALUE)
        {
            notes.add(String.format("clock skew: local receive time minus exchange event time %,d..%,d ms",
                minSkewMs, maxSkewMs));
        }
        gate.counts().forEach((code, n) -> anomalies.merge("quality gate: " + code, n, Long::sum));
        if (book.dropped() > 0)
        {
            anomalies.put("depth diffs older than the snapshot (dropped by the sync rule)", book.dropped());
        }
    }

    private void count(final String anomaly)
    {
        anomalies.merge(anomaly, 1L, Long::sum);
    }

    private void stamp(final long receiveNs, final long eventTimeMs)
    {
        if (receiveNs < lastReceiveNs)
        {
            count("receive time goes back (out of order)");
            flag(lastReceiveNs, QualityCode.OUT_OF_ORDER, receiveNs - lastReceiveNs);
        }
        final long now = Math.max(receiveNs, lastReceiveNs);
        if (nextTimerNs == 0)
        {
            nextTimerNs = (now / timerIntervalNs + 1) * timerIntervalNs;
        }
        while (now >= nextTimerNs)
        {
            if (publishTimers)
            {
                out.onEvent(event.timer(nextTimerNs, ++timerId));
            }
            gate.onTimer(nextTimerNs, out);
            nextTimerNs += timerIntervalNs;
        }
        lastReceiveNs = now;
        if (eventTimeMs > 0)
        {
            final long skewMs = receiveNs / 1_000_000L - eventTimeMs;
            minSkewMs = Math.min(minSkewMs, skewMs);
            maxSkewMs = Math.max(maxSkewMs, skewMs);
            final boolean nowSkewed = Math.abs(skewMs) > SKEW_THRESHOLD_MS;
            if (nowSkewed)
            {
                count("clock skew over 1 s (messages)");
            }
            if (nowSkewed != skewed)
            {
                skewed = nowSkewed;
                flag(now, QualityCode.CLOCK_SKEW, nowSkewed, skewMs);
            }
        }
    }

    private void flag(final long timestampNs, final QualityCode code, final long value)
    {
        flag(timestampNs, code, true, value);
    }

    private void flag(final long timestampNs, final QualityCode code, final boolean raised, final long value)
    {
        out.onEvent(event.qualityFlag(Math.max(timestampNs, lastReceiveNs), spec.id(), code, raised, value));
    }

    @Override
    public void onDepth(final long receiveNs, final DepthUpdate update)
    {
        stamp(receiveNs, update.eventTimeMs);
        if (update.snapshot)
        {
            final boolean wasStale = book.isStale();
            book.onSnapshot(update);
            if (wasStale)
            {
                count("book resynced from a snapshot after a gap");
                flag(receiveNs, QualityCode.SEQUENCE_GAP, false, update.lastId);
            }
            emitChangedLevels(receiveNs);
            return;
        }
        switch (book.onDiff(update))
        {
            case APPLIED -> emitChangedLevels(receiveNs);
            case GAP ->
            {
                count("sequence gap in depth diffs (book stale until resync)");
                flag(receiveNs, QualityCode.SEQUENCE_GAP, update.firstId);
                emitChangedLevels(receiveNs);
            }
            case STALE -> count("depth diffs received while stale");
            default ->
            {
            }
        }
    }

    private void emitChangedLevels(final long receiveNs)
    {
        for (final Side side : new Side[] {Side.BUY, Side.SELL})
        {
            final int s = side == Side.BUY ? 0 : 1;
            final int n = book.isLive() ? book.top(side, levelPrice, levelQuantity, depth) : 0;
            for (int level = 0; level < depth; level++)
            {
                final long price = level < n ? levelPrice[level] : 0;
                final long quantity = level < n ? levelQuantity[level] : 0;
                if (price != emittedPrice[s][level] || quantity != emittedQuantity[s][level])
                {
                    emittedPrice[s][level] = price;
                    emittedQuantity[s][level] = quantity;
                    gated(event.bookLevel(receiveNs, spec.id(), side, level, price, quantity));
                }
            }
        }
        final long bid = book.bestBid();
        final long ask = book.bestAsk();
        final QualityCode nowCrossed = !book.isLive() || bid <= 0 || ask <= 0 ? null :
            bid > ask ? QualityCode.CROSSED_BOOK : bid == ask ? QualityCode.LOCKED_BOOK : null;
        if (nowCrossed != crossed)
        {
            if (crossed != null)
            {
                flag(receiveNs, crossed, false, bid - ask);
            }
            if (nowCrossed != null)
            {
                count(nowCrossed == QualityCode.CROSSED_BOOK ? "crossed book" : "locked book");
                flag(receiveNs, nowCrossed, true, bid - ask);
            }
            crossed = nowCrossed;
        }
    }

    /** Journals a market event that passes the quality gate; the gate journals its findings first. */
    private void gated(final Event market)
    {
        if (gate.check(market, out))
        {
            out.onEvent(market);
        }
    }

    @Override
    public void onBookTicker(
        final long receiveNs, final long eventTimeMs, final long updateId, final long bidPrice, final long bidQuantity,
        final long askPrice, final long askQuantity)
    {
        stamp(receiveNs, eventTimeMs);
        if (book.isLive() && updateId == book.lastUpdateId() &&
            (bidPrice != book.bestBid() || askPrice != book.bestAsk()))
        {
            count("bookTicker disagrees with the rebuilt book");
        }
    }

    @Override
    public void onTrade(
        final long receiveNs, final long eventTimeMs, final long tradeId, final long price, final long quantity,
        final boolean buyerIsMaker)
    {
        stamp(receiveNs, eventTimeMs);
        if (lastTradeId >= 0 && tradeId <= lastTradeId)
        {
            count("duplicate or repeated trade id (skipped)");
            flag(receiveNs, QualityCode.DUPLICATE, tradeId);
            return;
        }
        if (lastTradeId >= 0 && tradeId != lastTradeId + 1)
        {
            count("missing trade ids (gap)");
            flag(receiveNs, QualityCode.SEQUENCE_GAP, tradeId);
        }
        lastTradeId = tradeId;
        gated(event.trade(receiveNs, spec.id(), buyerIsMaker ? Side.SELL : Side.BUY, price, quantity));
    }

    @Override
    public void onMalformed(final long lineNumber, final String line, final String reason)
    {
        count("malformed lines (skipped)");
        if (firstMalformed == null)
        {
            firstMalformed = new Object[] {lineNumber, line, reason};
        }
        LOG.warn("{} message {} skipped: {}", source, lineNumber, reason);
    }

    /** Names where the messages come from in warnings (a file being imported; the live stream by default). */
    public BinanceEvents source(final String name)
    {
        this.source = name;
        return this;
    }

    /** @return the first malformed line as {line number, line, reason}, or null. */
    public Object[] firstMalformed()
    {
        return firstMalformed;
    }

    /** The venue stopped serving us (418) or came back: a STALE_FEED condition risk halts the instrument on. */
    public void venueHalted(final long nowNs, final boolean halted)
    {
        if (halted)
        {
            count("venue halted the feed (HTTP 418)");
        }
        flag(nowNs, QualityCode.STALE_FEED, halted, 418);
    }

    /** @return anomalies found so far, with counts (cold path). */
    public Map<String, Long> anomalies()
    {
        return anomalies;
    }

    /** @return notes of the finished stream. */
    public List<String> notes()
    {
        return notes;
    }

    /** @return the book builder (stale or live). */
    public BinanceBookBuilder book()
    {
        return book;
    }

}
