/**
 * Incremental order-book and trade-flow features: microprice, order-flow imbalance (Cont, Kukanov and Stoikov),
 * trade-flow imbalance, windowed realised volatility, z-scores, and time bars built from ticks. O(1) per update
 * unless stated, allocation-free after construction, time from events only.
 */
package io.keel.ingest.feature.micro;
