/** JMH micro-benchmarks of the decision chain's stages (models, blend, sizing, risk check, matching). */
package io.keel.benchmarks.jmh;
