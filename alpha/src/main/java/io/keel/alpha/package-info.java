/**
 * L1, the alpha zoo: small models, each turning features into a {@link io.keel.core.decision.Signal} (edge in bps,
 * confidence, horizon) per instrument on the decision thread.
 */
package io.keel.alpha;
