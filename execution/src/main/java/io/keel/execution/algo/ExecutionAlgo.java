package io.keel.execution.algo;

/**
 * Works one parent order into child orders. Called on every market event while the parent is live, with a context
 * that reads the book and sends or cancels children; the harness escalates nothing itself, so an algorithm that
 * must finish by the end does so (most send what is left as a market order near the end).
 */
public interface ExecutionAlgo
{
    /** @return short name, as in the comparison table. */
    String name();

    /** A market event was applied: look at the book and act. */
    void onMarket(AlgoContext context);

    /** Fresh state for a new parent order. */
    void reset();

    /**
     * The traded volume of the horizon before a new parent, oldest bucket first (an algorithm that follows volume
     * keeps its own copy; the array is reused).
     */
    default void volumeProfile(final double[] volumes)
    {
    }
}
