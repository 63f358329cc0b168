package io.keel.core;

/**
 * Static description of a tradable instrument; immutable, built once from configuration.
 *
 * @param id                 dense id used on the rings (0-based index into per-instrument arrays).
 * @param symbol             venue symbol, e.g. BTCUSDT or AAPL.
 * @param venue              venue name, e.g. SIM, BINANCE.
 * @param assetClass         crypto spot, crypto perpetual or equity.
 * @param priceScale         decimals of a price.
 * @param tickSizeUnits      tick size in price units (at priceScale).
 * @param quantityScale      decimals of a quantity.
 * @param lotSizeUnits       lot size in quantity units (at quantityScale).
 * @param minNotionalMoney   minimum order notional in money units ({@link FixedPoint#MONEY_SCALE}).
 * @param quoteCurrency      currency prices and notionals are in, e.g. USD.
 * @param calendarId         trading calendar: CRYPTO_24_7 or NYSE.
 */
public record InstrumentSpec(
    int id,
    String symbol,
    String venue,
    AssetClass assetClass,
    int priceScale,
    long tickSizeUnits,
    int quantityScale,
    long lotSizeUnits,
    long minNotionalMoney,
    String quoteCurrency,
    String calendarId)
{
    /** Validates the spec: every error here is a configuration error. */
    public InstrumentSpec
    {
        require(id >= 0, "id must be >= 0: " + id);
        require(symbol != null && !symbol.isBlank(), "symbol must be set");
        require(venue != null && !venue.isBlank(), "venue must be set");
        require(assetClass != null, "assetClass must be set");
        require(priceScale >= 0 && quantityScale >= 0, "scales must be >= 0");
        require(priceScale + quantityScale <= FixedPoint.MONEY_SCALE,
            "priceScale + quantityScale must be <= " + FixedPoint.MONEY_SCALE + " so notionals are exact, was " +
            (priceScale + quantityScale));
        require(tickSizeUnits > 0, "tick size must be > 0");
        require(lotSizeUnits > 0, "lot size must be > 0");
        require(minNotionalMoney >= 0, "min notional must be >= 0");
        require(quoteCurrency != null && !quoteCurrency.isBlank(), "quoteCurrency must be set");
        require(calendarId != null && !calendarId.isBlank(), "calendarId must be set");
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return notional of a quantity at a price, in money units, or {@link FixedPoint#OVERFLOW}. */
    public long notional(final long price, final long quantity)
    {
        return FixedPoint.notional(price, priceScale, quantity, quantityScale);
    }

    /** @return a price in this instrument's units as a double, for model maths. */
    public double priceToDouble(final long price)
    {
        return FixedPoint.toDouble(price, priceScale);
    }

    /** @return a quantity in this instrument's units as a double, for model maths. */
    public double quantityToDouble(final long quantity)
    {
        return FixedPoint.toDouble(quantity, quantityScale);
    }
}
