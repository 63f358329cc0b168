package io.keel.execution.gateway;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Books a crypto venue's commissions by the asset they were charged in, each venue trade once (a trade seen in an
 * order's answer and again in a later query is not charged twice):
 * <ul>
 *   <li>in the quote currency: a fee in money units on the fill;</li>
 *   <li>in the instrument's base asset (Binance charges the asset received, so a buy without BNB pays in base): the
 *       position shrinks; kept exactly here and reported in whole quantity units, rounded up, so the book never
 *       believes it holds more than the venue's balance rounded down to the instrument's scale;</li>
 *   <li>in any other asset (BNB): not money of this book; summed per asset and logged, never guessed into P&amp;L.</li>
 * </ul>
 * Venue thread only; cold path (one call per venue trade).
 */
final class Commissions
{
    private static final Logger LOG = LoggerFactory.getLogger(Commissions.class);

    private final Set<Long> booked = new HashSet<>();
    private final Map<Integer, BigDecimal> inKindTaken = new HashMap<>();
    private final Map<Integer, Long> inKindReported = new HashMap<>();
    private final Map<String, BigDecimal> otherAssets = new HashMap<>();

    /**
     * Books one venue trade's commission.
     *
     * @param base the instrument's base asset code.
     * @return the fee in money units to book on the fill (0 when charged in another asset or already booked).
     */
    long book(final InstrumentSpec spec, final String base, final long tradeId, final BigDecimal commission,
        final String asset)
    {
        if (commission == null || commission.signum() == 0 || !booked.add(tradeId))
        {
            return 0;
        }
        if (asset == null || asset.isEmpty() || asset.equals(spec.quoteCurrency()))
        {
            return commission.setScale(FixedPoint.MONEY_SCALE, RoundingMode.UP).unscaledValue().longValueExact();
        }
        if (asset.equals(base))
        {
            inKindTaken.merge(spec.id(), commission, BigDecimal::add);
            return 0;
        }
        final BigDecimal total = otherAssets.merge(asset, commission, BigDecimal::add);
        LOG.info("{} commission {} {} (not booked in {} P&L; {} {} so far)", spec.symbol(), commission.toPlainString(),
            asset, spec.quoteCurrency(), total.toPlainString(), asset);
        return 0;
    }

    /** @return whole quantity units taken in kind and not reported yet (now counted as reported). */
    long dueInKind(final InstrumentSpec spec)
    {
        final BigDecimal taken = inKindTaken.get(spec.id());
        if (taken == null)
        {
            return 0;
        }
        final long units = taken.setScale(spec.quantityScale(), RoundingMode.UP).unscaledValue().longValueExact();
        final long due = units - inKindReported.getOrDefault(spec.id(), 0L);
        inKindReported.put(spec.id(), units);
        return due;
    }

    /** @return commissions paid in assets that are neither an instrument's base nor its quote, per asset. */
    Map<String, BigDecimal> otherAssets()
    {
        return Map.copyOf(otherAssets);
    }
}
