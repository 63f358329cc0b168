package io.keel.alpha;

import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The zoo's trained member: a {@link ModelArtifact} fitted offline by {@code train}, evaluated on the live features.
 * Edge = (2p - 1) × the artifact's edge scale, confidence = |2p - 1|, horizon = the label horizon; no opinion while
 * any input is undefined or the confidence is under the configured minimum.
 */
public final class TrainedModel implements AlphaModel
{
    private final ModelArtifact artifact;
    private final FeatureVector inputs;
    private final double minConfidence;
    private final double[] row;
    private final double[] scratch;

    /**
     * @param artifact      the model.
     * @param minConfidence confidence under which it has no opinion.
     */
    public TrainedModel(final ModelArtifact artifact, final double minConfidence)
    {
        this.artifact = artifact;
        this.inputs = new FeatureVector(artifact.features());
        this.minConfidence = minConfidence;
        this.row = new double[inputs.size()];
        this.scratch = new double[inputs.size()];
    }

    @Override
    public String name()
    {
        return "trained";
    }

    @Override
    public List<String> indicators()
    {
        return inputs.indicators();
    }

    @Override
    public void bind(final ToIntFunction<String> slots)
    {
        inputs.bind(slots);
    }

    @Override
    public void evaluate(final int instrumentId, final Features features, final Signal out)
    {
        if (!inputs.fill(features, row))
        {
            out.clear();
            return;
        }
        final double p = artifact.probabilityUp(row, scratch);
        final double direction = 2 * p - 1;
        final double confidence = Math.abs(direction);
        if (!(confidence >= minConfidence) || confidence == 0)
        {
            out.clear();
            return;
        }
        out.set(direction * artifact.edgeScaleBps(), confidence, artifact.horizonNs());
    }

    /** @return the artifact. */
    public ModelArtifact artifact()
    {
        return artifact;
    }
}
