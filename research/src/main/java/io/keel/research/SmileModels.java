package io.keel.research;

import io.keel.alpha.ModelArtifact;
import smile.base.cart.InternalNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits through Smile 2.6 (pure JVM: no native library to install on a fresh machine) and exports into
 * {@link ModelArtifact}, whose evaluator is allocation-free and does not need Smile at run time. The export is
 * checked against Smile's own predictions on every training row, so a Smile upgrade that changes its internals fails
 * the training run instead of trading a different model.
 */
public final class SmileModels
{
    /** Library and version recorded in artifacts. */
    static final String LIBRARY = "smile-core 2.6.0";

    private SmileModels()
    {
    }

    /** A fitted model: its probabilities through Smile and its export. */
    public interface Fitted
    {
        double smileProbabilityUp(double[] standardised);

        ModelArtifact.Logistic logistic();

        ModelArtifact.Gbt gbt();
    }

    /** Hyper-parameters. */
    public record Params(
        String kind, double lambda, int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, long seed)
    {
    }

    private static int[] labels(final boolean[] up)
    {
        final int[] y = new int[up.length];
        for (int i = 0; i < up.length; i++)
        {
            y[i] = up[i] ? 1 : 0;
        }
        return y;
    }

    public static Fitted fit(final double[][] standardised, final boolean[] up, final Params params)
    {
        if ("logistic".equals(params.kind()))
        {
            return logistic(standardised, up, params);
        }
        if ("gbt".equals(params.kind()))
        {
            return gbt(standardised, up, params);
        }
        throw new IllegalArgumentException("--model '" + params.kind() + "': use logistic or gbt");
    }

    private static Fitted logistic(final double[][] x, final boolean[] up, final Params params)
    {
        final LogisticRegression.Binomial model = LogisticRegression.binomial(x, labels(up), params.lambda(), 1e-7,
            1_000);
        final double[] w = model.coefficients();
        final int p = x[0].length;
        final ModelArtifact.Logistic export = new ModelArtifact.Logistic(java.util.Arrays.copyOf(w, p), w[p]);
        return new Fitted()
        {
            @Override
            public double smileProbabilityUp(final double[] standardised)
            {
                final double[] posteriori = new double[2];
                model.predict(standardised, posteriori);
                return posteriori[1];
            }

            @Override
            public ModelArtifact.Logistic logistic()
            {
                return export;
            }

            @Override
            public ModelArtifact.Gbt gbt()
            {
                return null;
            }
        };
    }

    private static DataFrame frame(final double[][] x, final int[] y)
    {
        final String[] names = new String[x[0].length];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = "x" + i;
        }
        final DataFrame features = DataFrame.of(x, names);
        return y == null ? features : features.merge(IntVector.of("y", y));
    }

    private static Fitted gbt(final double[][] x, final boolean[] up, final Params params)
    {
        MathEx.setSeed(params.seed());
        final GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("y"), frame(x, labels(up)), params.trees(),
            params.maxDepth(), params.maxNodes(), params.nodeSize(), params.shrinkage(), 1.0);
        final List<ModelArtifact.Tree> trees = new ArrayList<>();
        for (final RegressionTree tree : model.trees())
        {
            trees.add(flatten(tree.root()));
        }
        final ModelArtifact.Gbt export = new ModelArtifact.Gbt(privateDouble(model, GradientTreeBoost.class, "b"),
            params.shrinkage(), trees);
        return new Fitted()
        {
            @Override
            public double smileProbabilityUp(final double[] standardised)
            {
                final DataFrame row = frame(new double[][] {standardised}, new int[] {0});
                final double[] posteriori = new double[2];
                model.predict(row.get(0), posteriori);
                return posteriori[1];
            }

            @Override
            public ModelArtifact.Logistic logistic()
            {
                return null;
            }

            @Override
            public ModelArtifact.Gbt gbt()
            {
                return export;
            }
        };
    }

    private static ModelArtifact.Tree flatten(final Node root)
    {
        final List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        final List<int[]> children = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            if (nodes.get(i) instanceof InternalNode internal)
            {
                children.add(new int[] {nodes.size(), nodes.size() + 1});
                nodes.add(internal.trueChild());
                nodes.add(internal.falseChild());
            }
            else
            {
                children.add(new int[] {-1, -1});
            }
        }
        final int n = nodes.size();
        final int[] feature = new int[n];
        final double[] threshold = new double[n];
        final int[] left = new int[n];
        final int[] right = new int[n];
        final double[] value = new double[n];
        for (int i = 0; i < n; i++)
        {
            final Node node = nodes.get(i);
            if (node instanceof OrdinalNode split)
            {
                feature[i] = split.feature();
                threshold[i] = privateDouble(split, OrdinalNode.class, "value");
                left[i] = children.get(i)[0];
                right[i] = children.get(i)[1];
            }
            else if (node instanceof RegressionNode leaf)
            {
                feature[i] = -1;
                value[i] = leaf.output();
                left[i] = -1;
                right[i] = -1;
            }
            else
            {
                throw new IllegalStateException("unexpected tree node " + node.getClass().getName() +
                    " (inputs are numeric): cannot export");
            }
        }
        return new ModelArtifact.Tree(feature, threshold, left, right, value);
    }

    private static double privateDouble(final Object owner, final Class<?> type, final String name)
    {
        try
        {
            final Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.getDouble(owner);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot export the Smile model (" + type.getName() + "." + name +
                "): this build expects " + LIBRARY, ex);
        }
    }

    /** The exported model must reproduce the library's probabilities on every training row. */
    static void checkExport(final ModelArtifact artifact, final SmileModels.Fitted fitted, final double[][] x)
    {
        final double[] scratch = new double[x[0].length];
        final double[] z = new double[x[0].length];
        for (int i = 0; i < x.length; i++)
        {
            final double ours = artifact.probabilityUp(x[i], scratch);
            for (int j = 0; j < z.length; j++)
            {
                z[j] = (x[i][j] - artifact.mean()[j]) / artifact.std()[j];
            }
            final double theirs = fitted.smileProbabilityUp(z);
            if (!(Math.abs(ours - theirs) <= 1e-9))
            {
                throw new IllegalStateException("exported " + artifact.kind() + " model disagrees with " +
                    LIBRARY + " on training row " + i + ": " + ours + " vs " + theirs);
            }
        }
    }
}
