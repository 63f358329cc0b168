package io.keel.core;

/** What kind of instrument a symbol is; decides calendars, caps and the sizing limits that apply. */
public enum AssetClass
{
    CRYPTO_SPOT,
    CRYPTO_PERP,
    EQUITY;

    /** @return true for crypto spot and perpetuals. */
    public boolean isCrypto()
    {
        return this != EQUITY;
    }
}
