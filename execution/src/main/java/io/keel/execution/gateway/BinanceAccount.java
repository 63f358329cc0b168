package io.keel.execution.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the Binance spot account holds, read with the signed REST client ({@code /api/v3/account}, open orders). */
final class BinanceAccount
{
    private BinanceAccount()
    {
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        return BinanceOrderGateway.decimal(node, field);
    }

    /**
     * @return the base-asset balances of {@code specs} as positions (rounded down to the quantity unit), the quote
     *     currency's balance as cash, and our open orders; null when the venue refused (its limits are applied).
     */
    static VenueSnapshot read(final BinanceSignedRest rest, final BinanceLimits limits, final VenueIds ids,
        final List<InstrumentSpec> specs) throws IOException, InterruptedException
    {
        final BinanceSignedRest.Answer account = rest.call("GET", "/api/v3/account", Map.of());
        if (!account.ok())
        {
            limits.onVenueLimit(account);
            return null;
        }
        final Map<String, BigDecimal> balances = new HashMap<>();
        for (final JsonNode b : account.body().path("balances"))
        {
            balances.put(b.path("asset").asText(), decimal(b, "free").add(decimal(b, "locked")));
        }
        final Map<Integer, Long> positions = new HashMap<>();
        final Map<Long, Long> open = new HashMap<>();
        for (final InstrumentSpec spec : specs)
        {
            final String base = BinanceOrderGateway.pair(spec).getBase().getCurrencyCode();
            // dust below the instrument's quantity unit cannot be traded: the position is the balance rounded down
            positions.put(spec.id(), balances.getOrDefault(base, BigDecimal.ZERO).setScale(spec.quantityScale(),
                RoundingMode.DOWN).unscaledValue().longValueExact());
            final BinanceSignedRest.Answer orders = rest.call("GET", "/api/v3/openOrders", Map.of("symbol",
                spec.symbol()));
            if (!orders.ok())
            {
                limits.onVenueLimit(orders);
                return null;
            }
            for (final JsonNode o : orders.body())
            {
                final String clientId = o.path("clientOrderId").asText();
                final long parsed = ids.parse(clientId);
                final long ours = parsed >= 0 ? parsed : -Math.abs((long)clientId.hashCode()) - 1;
                open.put(ours, FixedPoint.parse(decimal(o, "origQty").subtract(decimal(o, "executedQty"))
                    .toPlainString(), spec.quantityScale()));
            }
        }
        final String quote = specs.get(0).quoteCurrency();
        return new VenueSnapshot(positions, balances.getOrDefault(quote, BigDecimal.ZERO).setScale(
            FixedPoint.MONEY_SCALE, RoundingMode.DOWN).unscaledValue().longValueExact(), open);
    }
}
