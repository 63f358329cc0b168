package io.keel.alpha;

import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

/** Moving-average momentum: the gap between a fast and a slow EMA of the mid, in bps, scaled into an edge. */
final class MaMomentumModel implements AlphaModel
{
    private final double gain;
    private final double saturationBps;
    private final long horizonNs;

    MaMomentumModel(final double gain, final double saturationBps, final long horizonNs)
    {
        this.gain = gain;
        this.saturationBps = saturationBps;
        this.horizonNs = horizonNs;
    }

    @Override
    public String name()
    {
        return "ma_momentum";
    }

    @Override
    public void evaluate(final int instrumentId, final Features features, final Signal out)
    {
        if (!features.warm || features.emaSlow <= 0)
        {
            out.clear();
            return;
        }
        final double gapBps = (features.emaFast - features.emaSlow) / features.emaSlow * 1e4;
        out.set(gain * gapBps, Math.min(1.0, Math.abs(gapBps) / saturationBps), horizonNs);
    }
}
