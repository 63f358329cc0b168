/**
 * The wiring of the layers: the fused decision chain (quality → features → alpha → ensemble → sizing → risk), the
 * journaling consumer in front of it, the paper-trading daemon with its simulated venue, and replay / verify.
 */
package io.keel.app.pipeline;
