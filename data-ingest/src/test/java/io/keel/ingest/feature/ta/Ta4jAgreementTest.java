package io.keel.ingest.feature.ta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every TA indicator of the feature bus equals ta4j's (DoubleNum) within 1e-9 relative on real series. */
class Ta4jAgreementTest
{
    private static final double TOLERANCE = 1e-9;

    private static BarSeries load(final String series) throws IOException
    {
        final BarSeries bars = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        if (series.equals("AAPL"))
        {
            final List<String> lines = Files.readAllLines(
                SharedData.require("ta4j-samples/AAPL-PT1D-20130102_20131231.csv"));
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] f = line.split(",");
                bars.addBar(LocalDate.parse(f[0]).atTime(16, 0).atZone(ZoneId.of("America/New_York")),
                    Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            }
        }
        else
        {
            final Path json = SharedData.require("ta4j-samples/Coinbase-BTC-USD-PT4H-20160518_20251028.json");
            for (final JsonNode c : new ObjectMapper().readTree(json.toFile()).get("candles"))
            {
                bars.addBar(Instant.ofEpochSecond(c.get("start").asLong() + 14_400).atZone(ZoneOffset.UTC),
                    c.get("open").asDouble(), c.get("high").asDouble(), c.get("low").asDouble(),
                    c.get("close").asDouble(), c.get("volume").asDouble());
            }
        }
        return bars;
    }

    private static double v(final Indicator<Num> indicator, final int i)
    {
        return indicator.getValue(i).doubleValue();
    }

    private static void agree(final String what, final int i, final double expected, final double actual)
    {
        final double scale = Math.max(Math.abs(expected), 1e-12);
        if (!(Math.abs(expected - actual) <= TOLERANCE * scale))
        {
            fail(what + " at bar " + i + ": ta4j " + expected + ", ours " + actual);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "BTC"})
    void shouldAgreeWithTa4jOnEveryBar(final String name) throws IOException
    {
        final BarSeries series = load(name);
        final int n = series.getBarCount();
        assertTrue(n > 200, name + " has " + n + " bars");
        final ClosePriceIndicator close = new ClosePriceIndicator(series);
        final SMAIndicator refSma = new SMAIndicator(close, 20);
        final EMAIndicator refEma = new EMAIndicator(close, 12);
        final RSIIndicator refRsi = new RSIIndicator(close, 14);
        final MACDIndicator refMacd = new MACDIndicator(close, 12, 26);
        final EMAIndicator refSignal = new EMAIndicator(refMacd, 9);
        final BollingerBandsMiddleIndicator refMiddle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        final StandardDeviationIndicator refDeviation = new StandardDeviationIndicator(close, 20);
        final BollingerBandsUpperIndicator refUpper = new BollingerBandsUpperIndicator(refMiddle, refDeviation,
            series.numOf(2));
        final BollingerBandsLowerIndicator refLower = new BollingerBandsLowerIndicator(refMiddle, refDeviation,
            series.numOf(2));
        final ATRIndicator refAtr = new ATRIndicator(series, 14);
        final VWAPIndicator refVwap = new VWAPIndicator(series, 14);

        final Sma sma = new Sma(20);
        final Ema ema = Ema.periods(12);
        final Rsi rsi = new Rsi(14);
        final Macd macd = new Macd(12, 26, 9);
        final Bollinger bollinger = new Bollinger(20, 2);
        final Atr atr = new Atr(14);
        final Vwap vwap = new Vwap(14);
        int compared = 0;
        for (int i = 0; i < n; i++)
        {
            final double c = series.getBar(i).getClosePrice().doubleValue();
            final double h = series.getBar(i).getHighPrice().doubleValue();
            final double l = series.getBar(i).getLowPrice().doubleValue();
            final double volume = series.getBar(i).getVolume().doubleValue();
            agree("SMA(20)", i, v(refSma, i), sma.update(c));
            agree("EMA(12)", i, v(refEma, i), ema.update(c));
            agree("RSI(14)", i, v(refRsi, i), rsi.update(c));
            agree("MACD(12,26)", i, v(refMacd, i), macd.update(c));
            agree("MACD signal(9)", i, v(refSignal, i), macd.signal());
            bollinger.update(c);
            agree("Bollinger middle", i, v(refMiddle, i), bollinger.middle());
            agree("Bollinger upper", i, v(refUpper, i), bollinger.upper());
            agree("Bollinger lower", i, v(refLower, i), bollinger.lower());
            agree("ATR(14)", i, v(refAtr, i), atr.update(h, l, c));
            final double ours = vwap.update(h, l, c, volume);
            if (!Double.isNaN(ours))
            {
                agree("VWAP(14)", i, v(refVwap, i), ours);
            }
            compared++;
        }
        assertEquals(n, compared);
    }
}
