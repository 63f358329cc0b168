package io.keel.research;

import java.util.Arrays;

/**
 * Out-of-sample quality of up/down probabilities against what happened.
 *
 * @param samples  predictions scored.
 * @param auc      area under the ROC curve (0.5 = no skill), ties counted half.
 * @param aucZ     z of the AUC against 0.5 under the Mann-Whitney null.
 * @param accuracy share of correct up/down calls (p > 0.5 means up).
 * @param logLoss  mean negative log-likelihood.
 * @param ic       Spearman correlation of p with the forward return.
 */
public record ClassifierMetrics(int samples, double auc, double aucZ, double accuracy, double logLoss, double ic)
{
    /**
     * @param p       predicted probabilities of an up move.
     * @param up      what happened.
     * @param forward forward returns (bps), for the IC.
     */
    public static ClassifierMetrics of(final double[] p, final boolean[] up, final double[] forward)
    {
        final int n = p.length;
        final double[] ranks = SignalStats.ranks(p, n);
        double rankSumUp = 0;
        long ups = 0;
        int correct = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++)
        {
            if (up[i])
            {
                rankSumUp += ranks[i];
                ups++;
            }
            if ((p[i] > 0.5) == up[i])
            {
                correct++;
            }
            final double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            logLoss -= up[i] ? Math.log(q) : Math.log(1 - q);
        }
        final long downs = n - ups;
        final double auc = ups == 0 || downs == 0 ? Double.NaN :
            (rankSumUp - ups * (ups + 1) / 2.0) / ((double)ups * downs);
        final double se = Math.sqrt((ups + downs + 1) / (12.0 * ups * downs));
        return new ClassifierMetrics(n, auc, (auc - 0.5) / se, n == 0 ? Double.NaN : (double)correct / n,
            n == 0 ? Double.NaN : logLoss / n, SignalStats.spearman(p, Arrays.copyOf(forward, n), n));
    }
}
