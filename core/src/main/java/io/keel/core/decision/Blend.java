package io.keel.core.decision;

/** The ensemble's view of one instrument: blended edge and confidence plus each model's weight. */
public final class Blend
{
    public double edgeBps;
    public double confidence;
    public long horizonNs;
    public final double[] weights;

    /** @param maxModels capacity of the weights array. */
    public Blend(final int maxModels)
    {
        weights = new double[maxModels];
    }
}
