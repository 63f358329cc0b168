package io.keel.alpha;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A trained model as the daemon runs it: inputs by name, their standardisation, and either a logistic regression or
 * a boosted tree ensemble flattened into arrays, with the metrics and data it was trained on. Written as JSON by the
 * {@code train} command; its identity is the SHA-256 of the file, which the configuration pins so a replay runs
 * the very same model. The probability of an up move is {@code 1 / (1 + e^-z)} for the logistic model with
 * {@code z = w·x + b}, and {@code 1 / (1 + e^-2F)} for trees with {@code F = b + shrinkage × Σ tree(x)} (Friedman's
 * two-class logistic boosting, as Smile fits it).
 *
 * @param format        always {@value #FORMAT}.
 * @param schemaVersion of this layout, {@value #SCHEMA_VERSION}.
 * @param kind          {@code logistic} or {@code gbt}.
 * @param library       library and version that fitted it.
 * @param features      input names (see {@link FeatureVector}).
 * @param bars          trained on bars (horizon in bars) or ticks (horizon in ns).
 * @param horizon       label horizon: ns for ticks, bars for bars.
 * @param horizonNs     the horizon in event time (bars: bars × median bar spacing).
 * @param edgeScaleBps  mean absolute forward return over the horizon in training: the edge at certainty.
 * @param mean          per-input mean of the training rows.
 * @param std           per-input standard deviation of the training rows (1 where constant).
 * @param logistic      the logistic model, or null.
 * @param gbt           the tree ensemble, or null.
 * @param trainedOn     what it was fitted on (journals, mode, samples, time range).
 * @param metrics       walk-forward and purged cross-validation results.
 */
public record ModelArtifact(
    String format, int schemaVersion, String kind, String library, List<String> features, boolean bars, long horizon,
    long horizonNs, double edgeScaleBps, double[] mean, double[] std, Logistic logistic, Gbt gbt,
    Map<String, Object> trainedOn, Map<String, Object> metrics)
{
    /** Value of {@link #format}. */
    public static final String FORMAT = "keel-model";
    /** Current layout version. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Logistic regression over standardised inputs.
     *
     * @param weights   one per input.
     * @param intercept bias.
     */
    public record Logistic(double[] weights, double intercept)
    {
    }

    /**
     * Boosted regression trees over standardised inputs.
     *
     * @param intercept initial score b.
     * @param shrinkage learning rate applied to every tree.
     * @param trees     the trees.
     */
    public record Gbt(double intercept, double shrinkage, List<Tree> trees)
    {
    }

    /**
     * One tree as parallel arrays, node 0 the root. A node with {@code feature < 0} is a leaf with {@code value};
     * otherwise {@code x[feature] <= threshold} goes to {@code left}, else {@code right}.
     */
    public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value)
    {
        /** @return the leaf value reached by {@code x}. */
        public double predict(final double[] x)
        {
            int node = 0;
            while (feature[node] >= 0)
            {
                node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            return value[node];
        }
    }

    /**
     * Probability of an up move over the horizon. Allocation-free.
     *
     * @param raw     inputs in {@link #features} order, finite.
     * @param scratch array of the same length, overwritten with the standardised inputs.
     */
    public double probabilityUp(final double[] raw, final double[] scratch)
    {
        for (int i = 0; i < raw.length; i++)
        {
            scratch[i] = (raw[i] - mean[i]) / std[i];
        }
        if (logistic != null)
        {
            double z = logistic.intercept();
            for (int i = 0; i < scratch.length; i++)
            {
                z += logistic.weights()[i] * scratch[i];
            }
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double sum = 0;
        final List<Tree> trees = gbt.trees();
        for (int t = 0; t < trees.size(); t++)
        {
            sum += trees.get(t).predict(scratch);
        }
        final double score = gbt.intercept() + gbt.shrinkage() * sum;
        return 1.0 / (1.0 + Math.exp(-2.0 * score));
    }

    /** Checks the layout: a clear message for a file that is not a model of this version or is inconsistent. */
    public ModelArtifact validate(final String origin)
    {
        final String at = "model artifact " + origin + ": ";
        if (!FORMAT.equals(format))
        {
            throw new IllegalArgumentException(at + "not a keel model (format '" + format + "')");
        }
        if (schemaVersion != SCHEMA_VERSION)
        {
            throw new IllegalArgumentException(at + "schema version " + schemaVersion + ", this build reads " +
                SCHEMA_VERSION + "; retrain it");
        }
        final int n = features == null ? 0 : features.size();
        if (n == 0 || mean == null || std == null || mean.length != n || std.length != n)
        {
            throw new IllegalArgumentException(at + "inputs and their standardisation disagree");
        }
        if ((logistic == null) == (gbt == null))
        {
            throw new IllegalArgumentException(at + "must hold exactly one of a logistic or a gbt model");
        }
        if (logistic != null && logistic.weights().length != n)
        {
            throw new IllegalArgumentException(at + "has " + logistic.weights().length + " weights for " + n +
                " inputs");
        }
        if (gbt != null)
        {
            for (final Tree tree : gbt.trees())
            {
                for (int node = 0; node < tree.feature().length; node++)
                {
                    final int f = tree.feature()[node];
                    if (f >= n || f >= 0 && (tree.left()[node] <= node || tree.right()[node] <= node ||
                        tree.left()[node] >= tree.feature().length || tree.right()[node] >= tree.feature().length))
                    {
                        throw new IllegalArgumentException(at + "has a malformed tree at node " + node);
                    }
                }
            }
        }
        if (horizonNs <= 0 || !(edgeScaleBps >= 0))
        {
            throw new IllegalArgumentException(at + "horizon and edge scale must be positive");
        }
        new FeatureVector(features); // every input name known
        return this;
    }

    /** Writes the artifact. @return the SHA-256 of the file, hex. */
    public String write(final Path file) throws IOException
    {
        final byte[] bytes = JSON.writeValueAsBytes(this);
        Files.write(file, bytes);
        return sha256(bytes);
    }

    /**
     * Reads an artifact and checks it is the pinned one.
     *
     * @param expectedSha256 SHA-256 the configuration pins, hex.
     */
    public static ModelArtifact read(final Path file, final String expectedSha256)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read model artifact " + file + ": " + ex, ex);
        }
        final String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256))
        {
            throw new IllegalArgumentException("model artifact " + file + " has sha256 " + actual + " but the " +
                "configuration pins " + expectedSha256 + ": it is not the model this configuration was made with " +
                "(retrained or edited?); pin the new sha256 to use it");
        }
        try
        {
            return JSON.readValue(bytes, ModelArtifact.class).validate(file.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("model artifact " + file + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    /** @return hex SHA-256 of bytes. */
    public static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
