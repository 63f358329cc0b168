/**
 * L5, the risk overlay: pre-trade checks with veto power over every order, the latched kill switch and the daily
 * loss stop. Runs on the decision thread before any order reaches a gateway.
 */
package io.keel.risk;
