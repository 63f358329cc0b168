package io.keel.alpha;

import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

/**
 * Order-book imbalance: more resting size on the bid than the ask (over {@code features.imbalanceLevels} levels)
 * predicts a small up-move. Logistic in the imbalance: edge = scale x (2 / (1 + e^(-4 x imbalance)) - 1).
 */
final class BookImbalanceModel implements AlphaModel
{
    private final double edgeScaleBps;
    private final long horizonNs;

    BookImbalanceModel(final double edgeScaleBps, final long horizonNs)
    {
        this.edgeScaleBps = edgeScaleBps;
        this.horizonNs = horizonNs;
    }

    @Override
    public String name()
    {
        return "book_imbalance";
    }

    @Override
    public void evaluate(final int instrumentId, final Features features, final Signal out)
    {
        if (!features.warm)
        {
            out.clear();
            return;
        }
        final double imbalance = features.bookImbalance;
        final double logistic = 2 / (1 + Math.exp(-4 * imbalance)) - 1;
        out.set(edgeScaleBps * logistic, Math.abs(imbalance), horizonNs);
    }
}
