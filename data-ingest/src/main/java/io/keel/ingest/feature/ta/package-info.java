/**
 * Incremental technical indicators: each takes one bar (or price) at a time, in O(window) at worst and O(1) for
 * the recursive ones, with no allocation after construction. Conventions follow ta4j (the reference they are tested
 * against): recursive averages start from the first value, windowed ones average what they have until full.
 */
package io.keel.ingest.feature.ta;
