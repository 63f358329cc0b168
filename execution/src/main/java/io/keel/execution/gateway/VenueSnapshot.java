package io.keel.execution.gateway;

import java.util.Map;

/**
 * What a venue says we hold, in our fixed-point units: per instrument the position (spot: the base asset's free plus
 * locked balance), the quote currency's cash, and the open orders by our client order id with their open quantity.
 *
 * @param positions  instrument id to position, quantity units.
 * @param cashMoney  quote-currency balance, money units.
 * @param openOrders our client order id to open (leaves) quantity.
 */
public record VenueSnapshot(Map<Integer, Long> positions, long cashMoney, Map<Long, Long> openOrders)
{
}
