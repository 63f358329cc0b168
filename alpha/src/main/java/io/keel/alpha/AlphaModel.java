package io.keel.alpha;

import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;

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
}
