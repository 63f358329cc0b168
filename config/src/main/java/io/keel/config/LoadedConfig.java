package io.keel.config;

import io.keel.core.InstrumentSpec;

import java.util.List;

/**
 * A validated configuration with what the pipeline needs derived from it once: instrument specs and money limits
 * in fixed point.
 *
 * @param config        the records.
 * @param text          the effective (merged) configuration as YAML; journaled in the run header.
 * @param sha256        hex SHA-256 of {@code text}.
 * @param instruments   instrument specs, id = index.
 * @param startPrices   start price per instrument in price units.
 * @param levelQuantity mean simulated level size per instrument in quantity units.
 * @param money         money amounts in fixed point.
 */
public record LoadedConfig(
    KeelConfig config,
    String text,
    String sha256,
    List<InstrumentSpec> instruments,
    long[] startPrices,
    long[] levelQuantity,
    Money money)
{
    /**
     * Money settings in {@link io.keel.core.FixedPoint#MONEY_SCALE} units.
     *
     * @param initialCash         starting cash.
     * @param maxOrderNotional    largest order.
     * @param maxPositionNotional largest position per instrument.
     * @param dailyLossStop       loss since the day's start that halts risk-increasing orders.
     * @param makerFeeCentiBps    maker fee rate in hundredths of a basis point.
     * @param takerFeeCentiBps    taker fee rate in hundredths of a basis point.
     */
    public record Money(
        long initialCash,
        long maxOrderNotional,
        long maxPositionNotional,
        long dailyLossStop,
        long makerFeeCentiBps,
        long takerFeeCentiBps)
    {
    }

    /** @return the mode name. */
    public String mode()
    {
        return config.mode();
    }
}
