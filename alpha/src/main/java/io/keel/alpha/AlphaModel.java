package io.keel.alpha;

import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A model of the zoo. Called on the decision thread after an instrument's features changed; must not allocate and
 * must depend only on its inputs and its own state (so replays reproduce it).
 */
public interface AlphaModel
{
    /** @return a short stable name, used in metrics and reports. */
    String name();

    /**
     * Writes this model's view of an instrument into {@code out}; "no opinion" is a cleared signal.
     *
     * @param instrumentId the instrument.
     * @param features     its latest features.
     * @param out          signal to fill.
     */
    void evaluate(int instrumentId, Features features, Signal out);

    /** @return the feature-bus indicators this model reads (e.g. {@code rsi:14}); the chain subscribes them. */
    default List<String> indicators()
    {
        return List.of();
    }

    /** Resolves the model's indicators to their slots in {@link Features#indicators}; called once, before use. */
    default void bind(final ToIntFunction<String> slots)
    {
    }

    /**
     * @return a factor in (0, 1] by which the other models' confidence is scaled (a regime model), or 1.
     */
    default double confidenceScale(final int instrumentId, final Features features)
    {
        return 1.0;
    }
}
