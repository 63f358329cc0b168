package io.keel.engine;

import io.keel.alpha.AlphaModel;
import io.keel.config.KeelConfig;
import io.keel.config.LoadedConfig;
import io.keel.ingest.feature.FeatureEngine;

import java.util.ArrayList;
import java.util.List;

/** The feature bus of a configuration, wired to the models that read it: the chain's, and research's alike. */
public final class FeatureBus
{
    private FeatureBus()
    {
    }

    /**
     * Builds the feature bus of a configuration for a set of models: it computes what the mode subscribes to plus
     * what each model reads, and binds each model to its indicator slots. Research uses it too, so what it measures
     * is what trades.
     */
    public static FeatureEngine of(final LoadedConfig loaded, final List<AlphaModel> models)
    {
        final KeelConfig config = loaded.config();
        final List<String> indicators = new ArrayList<>(config.features().indicators());
        for (final AlphaModel model : models)
        {
            for (final String indicator : model.indicators())
            {
                if (!indicators.contains(indicator))
                {
                    indicators.add(indicator);
                }
            }
        }
        final KeelConfig.Features f = config.features();
        final FeatureEngine engine = new FeatureEngine(loaded.instruments(), new KeelConfig.Features(f.emaFastMs(),
            f.emaSlowMs(), f.volatilityHalfLifeMs(), f.imbalanceLevels(), f.warmupUpdates(), indicators,
            f.barIntervalMs()), config.sim().bookLevels());
        for (final AlphaModel model : models)
        {
            model.bind(engine::indicatorSlot);
        }
        return engine;
    }
}
