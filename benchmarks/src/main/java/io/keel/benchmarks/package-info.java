/** Benchmarks. */
package io.keel.benchmarks;
