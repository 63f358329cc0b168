package io.keel.ingest.feature;

import io.keel.config.IndicatorSpec;
import io.keel.ingest.feature.micro.Microprice;
import io.keel.ingest.feature.micro.OrderFlowImbalance;
import io.keel.ingest.feature.micro.RealizedVolatility;
import io.keel.ingest.feature.micro.TradeFlowImbalance;
import io.keel.ingest.feature.micro.ZScore;
import io.keel.ingest.feature.ta.Atr;
import io.keel.ingest.feature.ta.Bollinger;
import io.keel.ingest.feature.ta.Ema;
import io.keel.ingest.feature.ta.Macd;
import io.keel.ingest.feature.ta.Rsi;
import io.keel.ingest.feature.ta.Sma;
import io.keel.ingest.feature.ta.Vwap;

/**
 * One subscribed indicator of one instrument: it takes the inputs it needs (prices, bars, quotes, trades, funding)
 * and ignores the rest. Built once from the mode profile; updates allocate nothing.
 */
final class Subscribed
{
    private final String name;
    private final Sma sma;
    private final Ema ema;
    private final Rsi rsi;
    private final Macd macd;
    private final Bollinger bollinger;
    private final Atr atr;
    private final Vwap vwap;
    private final RealizedVolatility volatility;
    private final OrderFlowImbalance ofi;
    private final TradeFlowImbalance tradeFlow;
    private final ZScore zScore;
    private final int levels;
    private double value = Double.NaN;

    Subscribed(final IndicatorSpec spec)
    {
        name = spec.name();
        final int p0 = spec.params().isEmpty() ? 0 : spec.params().get(0);
        sma = name.equals("sma") ? new Sma(p0) : null;
        ema = name.equals("ema") ? Ema.periods(p0) : null;
        rsi = name.equals("rsi") ? new Rsi(p0) : null;
        macd = name.startsWith("macd") ? new Macd(p0, spec.params().get(1), spec.params().get(2)) : null;
        bollinger = name.startsWith("bollinger") ? new Bollinger(p0, spec.params().get(1)) : null;
        atr = name.equals("atr") ? new Atr(p0) : null;
        vwap = name.equals("vwap") ? new Vwap(p0) : null;
        volatility = name.equals("realizedVol") ? new RealizedVolatility(p0) : null;
        ofi = name.equals("ofi") ? new OrderFlowImbalance(p0) : null;
        tradeFlow = name.equals("tradeFlow") ? new TradeFlowImbalance(p0 * 1_000_000L) : null;
        zScore = name.equals("fundingZ") ? new ZScore(p0) : null;
        levels = p0;
    }

    /** A price observation: a bar's close, or a trade's price for instruments without bars. */
    void onPrice(final double price)
    {
        if (sma != null)
        {
            value = sma.update(price);
        }
        else if (ema != null)
        {
            value = ema.update(price);
        }
        else if (rsi != null)
        {
            value = rsi.update(price);
        }
        else if (macd != null)
        {
            macd.update(price);
            value = name.equals("macd") ? macd.macd() : macd.signal();
        }
        else if (bollinger != null)
        {
            bollinger.update(price);
            value = name.equals("bollingerUpper") ? bollinger.upper() : bollinger.lower();
        }
        else if (volatility != null)
        {
            value = volatility.update(price);
        }
    }

    /** A bar (after {@link #onPrice} of its close). */
    void onBar(final double high, final double low, final double close, final double volume)
    {
        if (atr != null)
        {
            value = atr.update(high, low, close);
        }
        else if (vwap != null)
        {
            value = vwap.update(high, low, close, volume);
        }
    }

    /** A new best quote. */
    void onQuote(final double bid, final double bidSize, final double ask, final double askSize)
    {
        if (ofi != null)
        {
            ofi.update(bid, bidSize, ask, askSize);
            value = ofi.value();
        }
        else if (name.equals("microprice"))
        {
            value = Microprice.of(bid, bidSize, ask, askSize);
        }
    }

    /** @return the book depth this indicator reads (obi:N), 0 for none. */
    int bookLevels()
    {
        return name.equals("obi") ? levels : 0;
    }

    /** The order-book imbalance over its levels, computed by the engine from the book. */
    void onBookImbalance(final double imbalance)
    {
        value = imbalance;
    }

    /** A trade; {@code sign} +1 taker bought, -1 sold, 0 unknown. */
    void onTrade(final long nowNs, final int sign, final double size)
    {
        if (tradeFlow != null)
        {
            value = tradeFlow.update(nowNs, sign, size);
        }
    }

    /** A funding rate. */
    void onFunding(final double rate)
    {
        if (zScore != null)
        {
            value = zScore.update(rate);
        }
    }

    double value()
    {
        return value;
    }
}
