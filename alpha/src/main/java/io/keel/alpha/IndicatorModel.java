package io.keel.alpha;

import io.keel.config.KeelConfig;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Base of the zoo's feature-bus models: it subscribes indicators, resolves their slots once, and leaves the edge to
 * a subclass. A model with an undefined input (NaN) or cold features has no opinion.
 */
abstract class IndicatorModel implements AlphaModel
{
    protected final KeelConfig.Model config;
    protected final long horizonNs;
    private final List<String> indicators;
    protected final int[] slots;

    IndicatorModel(final KeelConfig.Model config, final List<String> indicators)
    {
        this.config = config;
        this.horizonNs = config.horizonMs() * 1_000_000L;
        this.indicators = List.copyOf(indicators);
        this.slots = new int[indicators.size()];
    }

    @Override
    public List<String> indicators()
    {
        return indicators;
    }

    @Override
    public void bind(final ToIntFunction<String> slotOf)
    {
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = slotOf.applyAsInt(indicators.get(i));
            if (slots[i] < 0)
            {
                throw new IllegalStateException(name() + ": indicator " + indicators.get(i) + " is not subscribed");
            }
        }
    }

    @Override
    public final void evaluate(final int instrumentId, final Features features, final Signal out)
    {
        out.clear();
        if (!features.warm)
        {
            return;
        }
        for (final int slot : slots)
        {
            if (Double.isNaN(features.indicators[slot]))
            {
                return;
            }
        }
        compute(features, out);
    }

    /** Writes the signal; every indicator is defined and the features are warm. */
    abstract void compute(Features features, Signal out);

    /** @return the value of the i-th subscribed indicator. */
    protected static double input(final Features features, final int[] slots, final int i)
    {
        return features.indicators[slots[i]];
    }

    /** @return {@code x} clipped to [-1, 1]. */
    protected static double clip(final double x)
    {
        return Math.max(-1, Math.min(1, x));
    }
}
