/**
 * The deterministic decision engine: the fused decision chain (quality → features → alpha → ensemble → sizing →
 * risk → order desk), the consumer that sequences and journals each inbound event in front of it, the event-time
 * pipeline with the simulated exchange (backtests and paper trading alike), and replay / verify. A pure function of
 * the journaled inbound sequence and the configuration: no clock, no I/O of its own but the journal, no threads.
 */
package io.keel.engine;
