package io.keel.alpha;

import io.keel.config.KeelConfig;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.util.List;

/** The zoo's feature-bus members, each a few lines: add one here and in {@link AlphaZoo}. */
final class ZooModels
{
    private ZooModels()
    {
    }

    /** Order-flow imbalance (Cont, Kukanov, Stoikov): net size added to the bid over the ask predicts the next move. */
    static final class OrderFlowImbalance extends IndicatorModel
    {
        OrderFlowImbalance(final KeelConfig.Model config)
        {
            super(config, List.of("ofi:" + config.window()));
        }

        @Override
        public String name()
        {
            return "order_flow_imbalance";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            final double signal = Math.tanh(input(f, slots, 0) / config.saturation());
            out.set(config.edgeScaleBps() * signal, Math.abs(signal), horizonNs);
        }
    }

    /** Microprice deviation: a mid below the size-weighted microprice tends to move up to it, and vice versa. */
    static final class MicropriceDeviation extends IndicatorModel
    {
        MicropriceDeviation(final KeelConfig.Model config)
        {
            super(config, List.of("microprice"));
        }

        @Override
        public String name()
        {
            return "microprice_deviation";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            if (f.mid <= 0)
            {
                return;
            }
            final double deviationBps = (input(f, slots, 0) - f.mid) / f.mid * 1e4;
            final double signal = clip(deviationBps / config.saturation());
            out.set(config.edgeScaleBps() * signal, Math.abs(signal), horizonNs);
        }
    }

    /** Mean reversion: a mid far above its rolling mean (in rolling deviations) tends to come back. */
    static final class MeanReversion extends IndicatorModel
    {
        MeanReversion(final KeelConfig.Model config)
        {
            super(config, List.of("sma:" + config.window(), "bollingerUpper:" + config.window() + ":1"));
        }

        @Override
        public String name()
        {
            return "mean_reversion";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            final double mean = input(f, slots, 0);
            final double deviation = input(f, slots, 1) - mean;
            if (deviation <= 0)
            {
                return;
            }
            final double z = (f.mid - mean) / deviation;
            final double signal = clip(z / config.saturation());
            out.set(-config.edgeScaleBps() * signal, Math.abs(signal), horizonNs);
        }
    }

    /**
     * Volatility regime: no edge of its own; when short-window volatility runs above the long-window level, the other
     * models' confidence is scaled down by long / short (never below a quarter).
     */
    static final class VolatilityRegime extends IndicatorModel
    {
        VolatilityRegime(final KeelConfig.Model config)
        {
            super(config, List.of("realizedVol:" + config.window(),
                "realizedVol:" + (int)Math.max(config.window() + 1, config.window() * config.saturation())));
        }

        @Override
        public String name()
        {
            return "volatility_regime";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            // no edge
        }

        @Override
        public double confidenceScale(final int instrumentId, final Features f)
        {
            final double shortVol = f.indicators[slots[0]];
            final double longVol = f.indicators[slots[1]];
            if (!f.warm || !(shortVol > 0) || !(longVol > 0))
            {
                return 1.0;
            }
            return Math.max(0.25, Math.min(1.0, longVol / shortVol));
        }
    }

    /** RSI/technical composite for bar modes: RSI away from 50 reverts, confirmed or damped by the MACD histogram. */
    static final class RsiComposite extends IndicatorModel
    {
        RsiComposite(final KeelConfig.Model config)
        {
            super(config, List.of("rsi:" + config.window(), "macd:12:26:9", "macdSignal:12:26:9"));
        }

        @Override
        public String name()
        {
            return "rsi_composite";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            final double reversion = clip((50 - input(f, slots, 0)) / config.saturation());
            final double histogram = input(f, slots, 1) - input(f, slots, 2);
            final double agreement = Math.signum(histogram) == Math.signum(reversion) ? 1.0 : 0.5;
            out.set(config.edgeScaleBps() * reversion * agreement, Math.abs(reversion) * agreement, horizonNs);
        }
    }

    /** Funding-rate shock (perpetuals): an unusually high funding rate means crowded longs, who tend to unwind. */
    static final class FundingShock extends IndicatorModel
    {
        FundingShock(final KeelConfig.Model config)
        {
            super(config, List.of("fundingZ:" + config.window()));
        }

        @Override
        public String name()
        {
            return "funding_shock";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            final double signal = clip(input(f, slots, 0) / config.saturation());
            out.set(-config.edgeScaleBps() * signal, Math.abs(signal), horizonNs);
        }
    }

    /** Trade-flow imbalance: recent taker buying over selling predicts a little more of the same. */
    static final class TradeFlowImbalance extends IndicatorModel
    {
        TradeFlowImbalance(final KeelConfig.Model config)
        {
            super(config, List.of("tradeFlow:" + config.window()));
        }

        @Override
        public String name()
        {
            return "trade_flow_imbalance";
        }

        @Override
        void compute(final Features f, final Signal out)
        {
            final double flow = input(f, slots, 0);
            out.set(config.edgeScaleBps() * flow, Math.min(1.0, Math.abs(flow) / config.saturation()), horizonNs);
        }
    }
}
