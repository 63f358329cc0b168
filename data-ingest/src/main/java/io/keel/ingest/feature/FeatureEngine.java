package io.keel.ingest.feature;

import io.keel.config.IndicatorSpec;
import io.keel.config.KeelConfig;
import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.book.LevelBook;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;

import java.util.List;

/**
 * Maintains each instrument's L2 book (from BOOK_LEVEL events), top of book (from QUOTE events) or last bar close
 * (from BAR events, for bar-only data) and updates its
 * {@link Features} incrementally: O(1) per event (O(depth) for imbalance), no allocation, time from events only.
 *
 * <p>EMAs and the EWMA variance use time-based decay {@code 1 - exp(-dt / tau)}, so irregular event spacing is
 * weighted correctly; several updates at one timestamp count as one observation of the latest mid.
 */
public final class FeatureEngine
{
    private static final double NS_PER_SECOND = 1e9;
    private static final double CRYPTO_SECONDS_PER_YEAR = 365.0 * 86_400;
    private static final double EQUITY_SECONDS_PER_YEAR = 252.0 * 6.5 * 3600;

    private final InstrumentSpec[] specs;
    private final Features[] features;
    private final LevelBook book;
    private final long[] barClose;
    private final List<String> subscriptionNames;
    private final Subscribed[][] subscribed;
    private final io.keel.ingest.feature.micro.TimeBarBuilder[] barBuilders;
    private final io.keel.core.event.EventSink barSink = this::onBuiltBar;
    private final long[] lastMidNs;
    private final double[] varianceRatePerSecond;
    private final double emaFastNs;
    private final double emaSlowNs;
    private final double varianceTauNs;
    private final int imbalanceLevels;
    private final int warmupUpdates;

    /**
     * @param instruments instrument specs, id = index.
     * @param config      feature time constants.
     * @param bookDepth   levels kept per side.
     */
    public FeatureEngine(final List<InstrumentSpec> instruments, final KeelConfig.Features config, final int bookDepth)
    {
        final int n = instruments.size();
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.features = new Features[n];
        this.book = new LevelBook(n, bookDepth);
        this.barClose = new long[n];
        this.lastMidNs = new long[n];
        this.varianceRatePerSecond = new double[n];
        this.subscriptionNames = new java.util.ArrayList<>();
        final List<IndicatorSpec> specsSubscribed = new java.util.ArrayList<>();
        for (final String text : config.indicators())
        {
            final IndicatorSpec spec = IndicatorSpec.parse(text);
            specsSubscribed.add(spec);
            subscriptionNames.add(spec.text());
        }
        this.subscribed = new Subscribed[n][specsSubscribed.size()];
        this.barBuilders = new io.keel.ingest.feature.micro.TimeBarBuilder[config.barIntervalMs() > 0 ? n : 0];
        for (int i = 0; i < barBuilders.length; i++)
        {
            barBuilders[i] = new io.keel.ingest.feature.micro.TimeBarBuilder(i, config.barIntervalMs() * 1_000_000L);
        }
        for (int i = 0; i < n; i++)
        {
            features[i] = new Features();
            features[i].indicators = new double[specsSubscribed.size()];
            java.util.Arrays.fill(features[i].indicators, Double.NaN);
            for (int s = 0; s < specsSubscribed.size(); s++)
            {
                subscribed[i][s] = new Subscribed(specsSubscribed.get(s));
            }
        }
        this.emaFastNs = config.emaFastMs() * 1e6;
        this.emaSlowNs = config.emaSlowMs() * 1e6;
        this.varianceTauNs = config.volatilityHalfLifeMs() * 1e6 / Math.log(2);
        this.imbalanceLevels = Math.min(config.imbalanceLevels(), bookDepth);
        this.warmupUpdates = config.warmupUpdates();
    }

    /** @return the features of an instrument (the live object, updated in place). */
    public Features features(final int instrumentId)
    {
        return features[instrumentId];
    }

    /** @return best bid of an instrument in price units; the last bar's close for bar-only data; 0 when none. */
    public long bestBid(final int instrumentId)
    {
        final long bid = book.bestBid(instrumentId);
        return bid > 0 ? bid : barClose[instrumentId];
    }

    /** @return best ask of an instrument in price units; the last bar's close for bar-only data; 0 when none. */
    public long bestAsk(final int instrumentId)
    {
        final long ask = book.bestAsk(instrumentId);
        return ask > 0 ? ask : barClose[instrumentId];
    }

    /** Rescales an instrument's price features for a split of {@code newShares} for {@code oldShares}. */
    public void onSplit(final int instrumentId, final long newShares, final long oldShares)
    {
        final Features f = features[instrumentId];
        final double factor = (double)oldShares / newShares;
        f.mid *= factor;
        f.emaFast *= factor;
        f.emaSlow *= factor;
    }

    /**
     * Applies one inbound event.
     *
     * @return true when the event changed the instrument's mid or book (a decision may follow).
     */
    public boolean onEvent(final Event event)
    {
        final int id = event.instrumentId;
        if (id < 0 || id >= specs.length)
        {
            return false;
        }
        switch (event.type)
        {
            case BAR:
                return onBar(event);
            case TRADE:
                onTrade(event);
                return false;
            case FUNDING_RATE:
                for (final Subscribed s : subscribed[id])
                {
                    s.onFunding(event.value * 1e-9);
                }
                publish(id);
                return false;
            default:
                final long bid = book.bestBid(id);
                final long ask = book.bestAsk(id);
                final long bidSize = book.quantities(id, io.keel.core.Side.BUY)[0];
                final long askSize = book.quantities(id, io.keel.core.Side.SELL)[0];
                final boolean changed = book.apply(event) && refresh(id, event.timestampNs);
                if (changed && subscribed[id].length > 0)
                {
                    onBook(id);
                }
                if (changed && subscribed[id].length > 0 && (book.bestBid(id) != bid || book.bestAsk(id) != ask ||
                    book.quantities(id, io.keel.core.Side.BUY)[0] != bidSize ||
                    book.quantities(id, io.keel.core.Side.SELL)[0] != askSize))
                {
                    onTopOfBook(id);
                }
                return changed;
        }
    }

    private void onBook(final int id)
    {
        boolean any = false;
        for (final Subscribed s : subscribed[id])
        {
            final int levels = s.bookLevels();
            if (levels > 0)
            {
                final long bids = book.depthQuantity(id, io.keel.core.Side.BUY, levels);
                final long asks = book.depthQuantity(id, io.keel.core.Side.SELL, levels);
                s.onBookImbalance(bids + asks == 0 ? 0 : (bids - asks) / (double)(bids + asks));
                any = true;
            }
        }
        if (any)
        {
            publish(id);
        }
    }

    private void onTopOfBook(final int id)
    {
        final InstrumentSpec spec = specs[id];
        final double bid = spec.priceToDouble(book.bestBid(id));
        final double ask = spec.priceToDouble(book.bestAsk(id));
        final double bidSize = spec.quantityToDouble(book.quantities(id, io.keel.core.Side.BUY)[0]);
        final double askSize = spec.quantityToDouble(book.quantities(id, io.keel.core.Side.SELL)[0]);
        for (final Subscribed s : subscribed[id])
        {
            s.onQuote(bid, bidSize, ask, askSize);
        }
        publish(id);
    }

    private void onTrade(final Event trade)
    {
        final int id = trade.instrumentId;
        final InstrumentSpec spec = specs[id];
        if (barBuilders.length > 0)
        {
            barBuilders[id].onTrade(trade.timestampNs, trade.price, trade.quantity, barSink);
        }
        for (final Subscribed s : subscribed[id])
        {
            s.onTrade(trade.timestampNs, trade.side.sign(), spec.quantityToDouble(trade.quantity));
            if (barClose[id] == 0 && barBuilders.length == 0)
            {
                s.onPrice(spec.priceToDouble(trade.price)); // no bars: price indicators follow the trades
            }
        }
        publish(id);
    }

    /** Closes time bars whose end event time has passed (call on timers). */
    public void onTime(final long nowNs)
    {
        for (final io.keel.ingest.feature.micro.TimeBarBuilder builder : barBuilders)
        {
            builder.onTime(nowNs, barSink);
        }
    }

    /** A time bar built from trades feeds the subscribed bar indicators (not the mid). */
    private void onBuiltBar(final Event bar)
    {
        final int id = bar.instrumentId;
        final InstrumentSpec spec = specs[id];
        for (final Subscribed s : subscribed[id])
        {
            s.onPrice(spec.priceToDouble(bar.price));
            s.onBar(spec.priceToDouble(bar.high), spec.priceToDouble(bar.low), spec.priceToDouble(bar.price),
                spec.quantityToDouble(bar.quantity));
        }
        publish(id);
    }

    private void publish(final int id)
    {
        final double[] values = features[id].indicators;
        for (int s = 0; s < values.length; s++)
        {
            values[s] = subscribed[id][s].value();
        }
    }

    /** @return the slot of a subscription (as written in the mode profile) in {@link Features#indicators}, or -1. */
    public int indicatorSlot(final String subscription)
    {
        return subscriptionNames.indexOf(subscription.trim());
    }

    /** A bar moves the mid to its close (bar-only data has no book: spread and imbalance stay 0). */
    private boolean onBar(final Event bar)
    {
        final int id = bar.instrumentId;
        if (id < 0 || id >= specs.length || bar.price <= 0)
        {
            return false;
        }
        barClose[id] = bar.price;
        final InstrumentSpec spec = specs[id];
        for (final Subscribed s : subscribed[id])
        {
            s.onPrice(spec.priceToDouble(bar.price));
            s.onBar(spec.priceToDouble(bar.high), spec.priceToDouble(bar.low), spec.priceToDouble(bar.price),
                spec.quantityToDouble(bar.quantity));
        }
        publish(id);
        final Features f = features[id];
        f.spreadBps = 0;
        f.bookImbalance = 0;
        updateMid(id, f, specs[id].priceToDouble(bar.price), bar.timestampNs);
        f.updatedNs = bar.timestampNs;
        return true;
    }

    private boolean refresh(final int id, final long nowNs)
    {
        final long bid = book.bestBid(id);
        final long ask = book.bestAsk(id);
        if (bid <= 0 || ask <= 0 || ask < bid)
        {
            return false;
        }
        final Features f = features[id];
        final InstrumentSpec spec = specs[id];
        final double mid = spec.priceToDouble(bid + ask) * 0.5;
        f.spreadBps = (ask - bid) / (double)(bid + ask) * 2e4;
        f.bookImbalance = imbalance(id);
        updateMid(id, f, mid, nowNs);
        f.updatedNs = nowNs;
        return true;
    }

    private double imbalance(final int id)
    {
        final long bids = book.depthQuantity(id, Side.BUY, imbalanceLevels);
        final long asks = book.depthQuantity(id, Side.SELL, imbalanceLevels);
        final long total = bids + asks;
        return total == 0 ? 0 : (bids - asks) / (double)total;
    }

    private void updateMid(final int id, final Features f, final double mid, final long nowNs)
    {
        if (f.mid == 0)
        {
            f.mid = mid;
            f.emaFast = mid;
            f.emaSlow = mid;
            lastMidNs[id] = nowNs;
            return;
        }
        final long dtNs = nowNs - lastMidNs[id];
        if (dtNs > 0)
        {
            final double r = Math.log(mid / f.mid);
            f.emaFast += (1 - Math.exp(-dtNs / emaFastNs)) * (mid - f.emaFast);
            f.emaSlow += (1 - Math.exp(-dtNs / emaSlowNs)) * (mid - f.emaSlow);
            final double rate = r * r * NS_PER_SECOND / dtNs;
            varianceRatePerSecond[id] += (1 - Math.exp(-dtNs / varianceTauNs)) * (rate - varianceRatePerSecond[id]);
            final double year = specs[id].assetClass() == AssetClass.EQUITY ?
                EQUITY_SECONDS_PER_YEAR : CRYPTO_SECONDS_PER_YEAR;
            f.realizedVolatilityAnnual = Math.sqrt(varianceRatePerSecond[id] * year);
            f.updates++;
            f.warm = f.updates >= warmupUpdates;
            lastMidNs[id] = nowNs;
        }
        f.mid = mid;
    }
}
