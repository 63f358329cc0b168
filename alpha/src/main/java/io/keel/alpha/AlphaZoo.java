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

    /** @return the enabled models, book imbalance first. */
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
        return List.copyOf(models);
    }
}
