package io.keel.alpha;

import io.keel.config.KeelConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decision chain's model stage: the zoo of a configuration, which models each instrument is routed to
 * ({@code alpha.routes}), the band of signal horizons the mode blends ({@code ensemble.min/maxModelHorizonMs}), and the
 * live switches (a model turned off, its edges re-scaled). {@link #evaluate} fills one {@link Signal} per model.
 *
 * <p>Single-threaded (the decision thread); allocation-free per evaluation.
 */
public final class ModelStage
{
    /** Largest live edge scale accepted, in millionths (100×). */
    public static final long MAX_EDGE_SCALE_MICROS = 100_000_000L;

    private final AlphaModel[] models;
    private final Signal[] signals;
    private final boolean[] on;
    private final double[] edgeScale;
    private final boolean[][] routed;
    private final long minHorizonNs;
    private final long maxHorizonNs;

    private ModelStage(final List<AlphaModel> zoo, final KeelConfig config, final List<InstrumentSpec> instruments)
    {
        this.models = zoo.toArray(new AlphaModel[0]);
        this.signals = new Signal[models.length];
        for (int i = 0; i < models.length; i++)
        {
            signals[i] = new Signal();
        }
        this.on = new boolean[models.length];
        this.edgeScale = new double[models.length];
        Arrays.fill(on, true);
        Arrays.fill(edgeScale, 1.0);
        this.routed = new boolean[instruments.size()][models.length];
        for (int id = 0; id < instruments.size(); id++)
        {
            final List<String> route = config.alpha().routeOf(instruments.get(id).symbol());
            for (int i = 0; i < models.length; i++)
            {
                routed[id][i] = route == null || route.contains(AlphaZoo.configKey(models[i]));
            }
        }
        this.minHorizonNs = config.ensemble().minModelHorizonMs() * 1_000_000L;
        this.maxHorizonNs = config.ensemble().maxModelHorizonMs() == 0 ? Long.MAX_VALUE :
            config.ensemble().maxModelHorizonMs() * 1_000_000L;
    }

    /** @return the model stage of a configuration's zoo, for its instruments. */
    public static ModelStage fromConfig(final KeelConfig config, final List<InstrumentSpec> instruments)
    {
        return new ModelStage(AlphaZoo.fromConfig(config.alpha()), config, instruments);
    }

    /**
     * Runs the zoo on an instrument: each routed, enabled model whose horizon is in the band, its edge scaled, every
     * confidence scaled by the product of the models' regime factors. Models left out get a cleared signal.
     */
    public void evaluate(final int id, final Features f)
    {
        double regime = 1.0;
        for (int i = 0; i < models.length; i++)
        {
            if (!routed[id][i] || !on[i])
            {
                signals[i].clear(); // the router does not feed this model to this instrument, or it was turned off
                continue;
            }
            models[i].evaluate(id, f, signals[i]);
            regime *= models[i].confidenceScale(id, f);
            if (signals[i].horizonNs < minHorizonNs || signals[i].horizonNs > maxHorizonNs)
            {
                signals[i].clear(); // routed by horizon: outside the band this mode blends
                continue;
            }
            signals[i].edgeBps *= edgeScale[i];
        }
        if (regime < 1.0)
        {
            for (int i = 0; i < models.length; i++)
            {
                signals[i].confidence *= regime;
            }
        }
    }

    /** Clears every signal (a decision taken without the models: a close-out). */
    public void clearSignals()
    {
        for (final Signal signal : signals)
        {
            signal.clear();
        }
    }

    /**
     * A live switch: model {@code index} on (1) or off (0).
     *
     * @return false (nothing changed) when no such model or the value is neither 0 nor 1.
     */
    public boolean enable(final int index, final long value)
    {
        if (index < 0 || index >= models.length || value != 0 && value != 1)
        {
            return false;
        }
        on[index] = value == 1;
        return true;
    }

    /**
     * A live re-scaling of model {@code index}'s edges, in millionths (1,000,000 = unchanged).
     *
     * @return false (nothing changed) when no such model or the scale is outside [0, 100×].
     */
    public boolean scaleEdges(final int index, final long scaleMicros)
    {
        if (index < 0 || index >= models.length || scaleMicros < 0 || scaleMicros > MAX_EDGE_SCALE_MICROS)
        {
            return false;
        }
        edgeScale[index] = scaleMicros / 1_000_000.0;
        return true;
    }

    /** @return the signals of the last evaluation, one per model (reused). */
    public Signal[] signals()
    {
        return signals;
    }

    /** @return models in the zoo. */
    public int count()
    {
        return models.length;
    }

    /** @return whether model {@code index} is on. */
    public boolean on(final int index)
    {
        return on[index];
    }

    /** @return the zoo's models, in order (for binding them to the feature bus). */
    public List<AlphaModel> models()
    {
        return List.of(models);
    }

    /** @return the zoo's model names, in order. */
    public List<String> names()
    {
        final List<String> names = new ArrayList<>(models.length);
        for (final AlphaModel model : models)
        {
            names.add(model.name());
        }
        return names;
    }
}
