/**
 * Benchmarks that print their figures: replay throughput of the full chain (journal on and off), allocation and GC
 * count per event in steady state, and intended-time decision latency at a fixed event rate.
 */
package io.keel.benchmarks;
