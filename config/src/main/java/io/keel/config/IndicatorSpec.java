package io.keel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One feature-bus subscription of a mode profile, written {@code name:param:param} ({@code rsi:14},
 * {@code macd:12:26:9}, {@code microprice}). Parsed and checked at start-up; the feature engine builds the indicator.
 *
 * @param name   indicator name.
 * @param params integer parameters.
 * @param text   the subscription as written (its key in the features).
 */
public record IndicatorSpec(String name, List<Integer> params, String text)
{
    /** Indicator names with their parameters and meaning. */
    public static final Map<String, String> KNOWN = Map.ofEntries(
        Map.entry("sma", "sma:N (simple moving average of N prices)"),
        Map.entry("ema", "ema:N"),
        Map.entry("rsi", "rsi:N"),
        Map.entry("macd", "macd:FAST:SLOW:SIGNAL (the MACD line)"),
        Map.entry("macdSignal", "macdSignal:FAST:SLOW:SIGNAL"),
        Map.entry("bollingerUpper", "bollingerUpper:N:K"),
        Map.entry("bollingerLower", "bollingerLower:N:K"),
        Map.entry("atr", "atr:N (bars)"),
        Map.entry("vwap", "vwap:N (bars)"),
        Map.entry("realizedVol", "realizedVol:N (returns, per observation)"),
        Map.entry("ofi", "ofi:N (Cont-Kukanov-Stoikov order-flow imbalance over N quote updates)"),
        Map.entry("obi", "obi:N (order-book imbalance over the best N levels)"),
        Map.entry("microprice", "microprice"),
        Map.entry("tradeFlow", "tradeFlow:MS (trade-flow imbalance, decay time constant in ms)"),
        Map.entry("fundingZ", "fundingZ:N (z-score of the funding rate over N rates)"));

    private static final Map<String, Integer> ARITY = Map.ofEntries(
        Map.entry("sma", 1), Map.entry("ema", 1), Map.entry("rsi", 1), Map.entry("macd", 3),
        Map.entry("macdSignal", 3), Map.entry("bollingerUpper", 2), Map.entry("bollingerLower", 2),
        Map.entry("atr", 1), Map.entry("vwap", 1), Map.entry("realizedVol", 1), Map.entry("ofi", 1),
        Map.entry("obi", 1),
        Map.entry("microprice", 0), Map.entry("tradeFlow", 1), Map.entry("fundingZ", 1));

    /**
     * @return the parsed subscription.
     * @throws IllegalArgumentException naming what is allowed.
     */
    public static IndicatorSpec parse(final String text)
    {
        final String[] parts = text.trim().split(":");
        final Integer arity = ARITY.get(parts[0]);
        if (arity == null)
        {
            throw new IllegalArgumentException("unknown indicator '" + parts[0] + "'; known: " +
                new java.util.TreeSet<>(KNOWN.keySet()));
        }
        if (parts.length - 1 != arity)
        {
            throw new IllegalArgumentException("'" + text + "' needs " + arity + " parameter(s): " +
                KNOWN.get(parts[0]));
        }
        final List<Integer> params = new ArrayList<>();
        for (int i = 1; i < parts.length; i++)
        {
            final int value;
            try
            {
                value = Integer.parseInt(parts[i]);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + text + "': parameter '" + parts[i] + "' is not a whole " +
                    "number", ex);
            }
            if (value < 1 || value > 1_000_000)
            {
                throw new IllegalArgumentException("'" + text + "': parameter " + value + " is outside [1, 1000000]");
            }
            params.add(value);
        }
        if (parts[0].startsWith("macd") && params.get(0) >= params.get(1))
        {
            throw new IllegalArgumentException("'" + text + "': the fast period must be shorter than the slow one");
        }
        return new IndicatorSpec(parts[0], List.copyOf(params), text.trim());
    }
}
