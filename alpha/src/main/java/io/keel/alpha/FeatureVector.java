package io.keel.alpha;

import io.keel.core.decision.Features;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The inputs of a trained model, by name, computed from an instrument's features. The trainer and the daemon use this
 * one class, so a model sees in production exactly what it was trained on. Names:
 * <ul>
 *   <li>{@code book_imbalance}, {@code spread_bps}, {@code volatility} (annualised realised), {@code ema_gap_bps}
 *       (fast minus slow EMA over the mid);</li>
 *   <li>{@code microprice_bps}: microprice minus mid over the mid;</li>
 *   <li>{@code zscore:N}: (mid - SMA(N)) / N-price standard deviation;</li>
 *   <li>{@code ind:SPEC}: any feature-bus indicator as is, e.g. {@code ind:ofi:50}, {@code ind:rsi:14},
 *       {@code ind:tradeFlow:5000}.</li>
 * </ul>
 */
public final class FeatureVector
{
    /** Default inputs for tick data. */
    public static final List<String> TICK_DEFAULT = List.of("book_imbalance", "microprice_bps", "ind:ofi:50",
        "ind:tradeFlow:5000", "ema_gap_bps", "spread_bps", "volatility");
    /** Default inputs for bar data. */
    public static final List<String> BAR_DEFAULT = List.of("ema_gap_bps", "ind:rsi:14", "zscore:20", "volatility",
        "ind:macd:12:26:9");

    private enum Kind
    {
        BOOK_IMBALANCE, SPREAD, VOLATILITY, EMA_GAP, MICROPRICE, ZSCORE, INDICATOR
    }

    private final List<String> names;
    private final Kind[] kinds;
    private final String[][] indicatorsOf;
    private final int[][] slots;

    /**
     * @param names inputs, in the model's order.
     * @throws IllegalArgumentException for an unknown name.
     */
    public FeatureVector(final List<String> names)
    {
        this.names = List.copyOf(names);
        this.kinds = new Kind[names.size()];
        this.indicatorsOf = new String[names.size()][];
        this.slots = new int[names.size()][];
        for (int i = 0; i < names.size(); i++)
        {
            final String name = names.get(i);
            if (name.startsWith("ind:") && name.length() > 4)
            {
                kinds[i] = Kind.INDICATOR;
                indicatorsOf[i] = new String[] {name.substring(4)};
            }
            else if (name.startsWith("zscore:"))
            {
                final String window = name.substring("zscore:".length());
                kinds[i] = Kind.ZSCORE;
                indicatorsOf[i] = new String[] {"sma:" + window, "bollingerUpper:" + window + ":1"};
            }
            else
            {
                kinds[i] = switch (name)
                {
                    case "book_imbalance" -> Kind.BOOK_IMBALANCE;
                    case "spread_bps" -> Kind.SPREAD;
                    case "volatility" -> Kind.VOLATILITY;
                    case "ema_gap_bps" -> Kind.EMA_GAP;
                    case "microprice_bps" -> Kind.MICROPRICE;
                    default -> throw new IllegalArgumentException("unknown model input '" + name + "'; use " +
                        "book_imbalance, spread_bps, volatility, ema_gap_bps, microprice_bps, zscore:N or ind:SPEC");
                };
                indicatorsOf[i] = kinds[i] == Kind.MICROPRICE ? new String[] {"microprice"} : new String[0];
            }
            slots[i] = new int[indicatorsOf[i].length];
        }
    }

    /** @return the input names. */
    public List<String> names()
    {
        return names;
    }

    /** @return inputs count. */
    public int size()
    {
        return names.size();
    }

    /** @return the feature-bus indicators these inputs read. */
    public List<String> indicators()
    {
        final List<String> all = new ArrayList<>();
        for (final String[] of : indicatorsOf)
        {
            for (final String indicator : of)
            {
                if (!all.contains(indicator))
                {
                    all.add(indicator);
                }
            }
        }
        return all;
    }

    /** Resolves the indicators to their slots. */
    public void bind(final ToIntFunction<String> slotOf)
    {
        for (int i = 0; i < slots.length; i++)
        {
            for (int k = 0; k < slots[i].length; k++)
            {
                slots[i][k] = slotOf.applyAsInt(indicatorsOf[i][k]);
            }
        }
    }

    /**
     * Writes the inputs of one instrument into {@code row} (NaN where undefined).
     *
     * @return true when every input is finite.
     */
    public boolean fill(final Features f, final double[] row)
    {
        boolean finite = true;
        for (int i = 0; i < kinds.length; i++)
        {
            final double value = switch (kinds[i])
            {
                case BOOK_IMBALANCE -> f.bookImbalance;
                case SPREAD -> f.spreadBps;
                case VOLATILITY -> f.realizedVolatilityAnnual;
                case EMA_GAP -> f.mid > 0 ? (f.emaFast - f.emaSlow) / f.mid * 1e4 : Double.NaN;
                case MICROPRICE -> f.mid > 0 ? (f.indicators[slots[i][0]] - f.mid) / f.mid * 1e4 : Double.NaN;
                case ZSCORE ->
                {
                    final double mean = f.indicators[slots[i][0]];
                    final double deviation = f.indicators[slots[i][1]] - mean;
                    yield deviation > 0 ? (f.mid - mean) / deviation : Double.NaN;
                }
                case INDICATOR -> f.indicators[slots[i][0]];
            };
            row[i] = value;
            finite &= Double.isFinite(value);
        }
        return finite;
    }
}
