package io.keel.alpha;

import io.keel.config.KeelConfig;

import java.util.ArrayList;
import java.util.List;

/** Builds the enabled models of a mode profile, in a fixed order (the order of their weights in decision records). */
public final class AlphaZoo
{
    private AlphaZoo()
    {
    }

    private static void add(
        final List<AlphaModel> models, final KeelConfig.Model config,
        final java.util.function.Function<KeelConfig.Model, AlphaModel> factory)
    {
        if (config.enabled())
        {
            models.add(factory.apply(config));
        }
    }

    /**
     * @return the model's key under {@code alpha:} in the configuration ({@code order_flow_imbalance} to
     *         {@code orderFlowImbalance}), as the model router names it.
     */
    public static String configKey(final AlphaModel model)
    {
        final String name = model.name();
        final StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == '_' && i + 1 < name.length())
            {
                key.append(Character.toUpperCase(name.charAt(++i)));
            }
            else
            {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** @return the enabled models, book imbalance first, the volatility regime (a confidence scaler) last. */
    public static List<AlphaModel> fromConfig(final KeelConfig.Alpha alpha)
    {
        final List<AlphaModel> models = new ArrayList<>();
        if (alpha.bookImbalance().enabled())
        {
            models.add(new BookImbalanceModel(alpha.bookImbalance().edgeScaleBps(),
                alpha.bookImbalance().horizonMs() * 1_000_000L));
        }
        if (alpha.maMomentum().enabled())
        {
            models.add(new MaMomentumModel(alpha.maMomentum().gain(), alpha.maMomentum().saturationBps(),
                alpha.maMomentum().horizonMs() * 1_000_000L));
        }
        add(models, alpha.orderFlowImbalance(), ZooModels.OrderFlowImbalance::new);
        add(models, alpha.micropriceDeviation(), ZooModels.MicropriceDeviation::new);
        add(models, alpha.meanReversion(), ZooModels.MeanReversion::new);
        add(models, alpha.rsiComposite(), ZooModels.RsiComposite::new);
        add(models, alpha.fundingShock(), ZooModels.FundingShock::new);
        add(models, alpha.tradeFlowImbalance(), ZooModels.TradeFlowImbalance::new);
        if (alpha.trained().enabled())
        {
            models.add(new TrainedModel(ModelArtifact.read(java.nio.file.Path.of(alpha.trained().artifact()),
                alpha.trained().sha256()), alpha.trained().minConfidence()));
        }
        add(models, alpha.volatilityRegime(), ZooModels.VolatilityRegime::new);
        return List.copyOf(models);
    }
}
