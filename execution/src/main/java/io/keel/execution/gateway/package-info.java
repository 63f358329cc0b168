/**
 * Live order gateways: Binance spot through XChange. Client order ids come from the journal, so a restart never
 * re-sends; a lost answer makes an order UNKNOWN, resolved by querying it, never by sending it again.
 */
package io.keel.execution.gateway;
