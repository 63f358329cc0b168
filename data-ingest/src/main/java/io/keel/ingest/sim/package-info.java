/**
 * The embedded default venue's market: a seeded stochastic generator of books, quotes and trades with volatility
 * clustering and a persistent order flow that carries a little predictive power.
 */
package io.keel.ingest.sim;
