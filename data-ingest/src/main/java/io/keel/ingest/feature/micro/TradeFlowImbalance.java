package io.keel.ingest.feature.micro;

/**
 * Trade-flow imbalance: time-decayed signed volume over time-decayed volume, in [-1, 1]; +1 when all recent volume
 * was bought by takers. Decay {@code exp(-dt / tau)} in event time.
 */
public final class TradeFlowImbalance
{
    private final double tauNs;
    private double signedVolume;
    private double volume;
    private long lastNs = Long.MIN_VALUE;

    /** @param tauNs decay time constant, ns. */
    public TradeFlowImbalance(final long tauNs)
    {
        this.tauNs = tauNs;
    }

    /**
     * Adds a trade.
     *
     * @param sign +1 taker bought, -1 taker sold, 0 unknown (counts in volume only).
     * @return the imbalance.
     */
    public double update(final long nowNs, final int sign, final double size)
    {
        if (lastNs != Long.MIN_VALUE && nowNs > lastNs)
        {
            final double decay = Math.exp(-(nowNs - lastNs) / tauNs);
            signedVolume *= decay;
            volume *= decay;
        }
        lastNs = Math.max(lastNs, nowNs);
        signedVolume += sign * size;
        volume += size;
        return value();
    }

    /** @return the imbalance in [-1, 1], 0 before any volume. */
    public double value()
    {
        return volume <= 0 ? 0 : signedVolume / volume;
    }
}
