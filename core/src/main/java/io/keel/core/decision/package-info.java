/**
 * Values the decision layers hand to each other on the decision thread: per-instrument features, model signals,
 * the blended view and the decision record journaled with each order intent. Mutable, preallocated, single-threaded.
 */
package io.keel.core.decision;
