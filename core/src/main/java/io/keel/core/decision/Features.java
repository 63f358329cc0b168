package io.keel.core.decision;

/**
 * Latest features of one instrument, written by the feature engine and read by models and sizing on the decision
 * thread. Prices here are doubles in quote currency: model maths only.
 */
public final class Features
{
    /** Event time of the last update, epoch ns. */
    public long updatedNs;
    /** Number of mid-price updates seen. */
    public long updates;
    public double mid;
    public double spreadBps;
    public double emaFast;
    public double emaSlow;
    /** Annualised realised volatility of the mid (EWMA of squared log returns per unit time). */
    public double realizedVolatilityAnnual;
    /** (bid size - ask size) / (bid size + ask size) over the configured book depth, in [-1, 1]. */
    public double bookImbalance;
    /** True once enough updates have arrived for the slow EMA and the volatility to mean something. */
    public boolean warm;
    /**
     * Values of the indicators the mode profile subscribes to, in subscription order (NaN until defined); a model
     * finds its slot once, at construction, through the feature engine.
     */
    public double[] indicators = new double[0];

    /** Clears all features. */
    public void reset()
    {
        updatedNs = 0;
        updates = 0;
        mid = 0;
        spreadBps = 0;
        emaFast = 0;
        emaSlow = 0;
        realizedVolatilityAnnual = 0;
        bookImbalance = 0;
        warm = false;
    }
}
