package io.keel.execution;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;

import java.util.List;

/**
 * Positions, cash, fees and P&amp;L in fixed point, one quote currency (every configured instrument must share it
 * until multi-currency books arrive). Average-cost accounting: the open position carries its cost basis (signed
 * money); closing part of it realises {@code proceeds - basis share}. By construction
 * {@code cash = initialCash + realised - basis - fees} holds exactly, so
 * {@code equity = cash + marked positions = initialCash + realised + unrealised - fees}.
 *
 * <p>Single-threaded (decision thread); allocation-free.
 */
public final class Portfolio implements PortfolioView
{
    private final InstrumentSpec[] specs;
    private final long initialCash;
    private long cash;
    private long feesTotal;
    private long realizedTotal;
    private long fills;
    private final long[] position;
    private final long[] costBasis;
    private final long[] realized;
    private final long[] fees;
    private final long[] markPrice;

    /**
     * @param instruments  instrument specs, id = index.
     * @param initialCash  starting cash in money units.
     */
    public Portfolio(final List<InstrumentSpec> instruments, final long initialCash)
    {
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.initialCash = initialCash;
        this.cash = initialCash;
        this.position = new long[specs.length];
        this.costBasis = new long[specs.length];
        this.realized = new long[specs.length];
        this.fees = new long[specs.length];
        this.markPrice = new long[specs.length];
    }

    /**
     * Books one fill.
     *
     * @param price    fill price in price units.
     * @param quantity unsigned fill quantity in quantity units.
     * @param fee      fee in money units (positive is a cost).
     */
    public void onFill(final int id, final Side side, final long price, final long quantity, final long fee)
    {
        fills++;
        book(id, side.sign(), price, quantity, fee);
    }

    /**
     * Books a commission the venue took in the instrument itself: the position shrinks by {@code quantity} and the
     * fee is its value at {@code price}. Cash does not move; it is a sale at {@code price} whose proceeds are the fee.
     *
     * @param quantity unsigned quantity taken, in quantity units.
     */
    public void onFeeInKind(final int id, final long price, final long quantity)
    {
        final InstrumentSpec spec = specs[id];
        book(id, -1, price, quantity, FixedPoint.notionalExact(price, spec.priceScale(), quantity,
            spec.quantityScale()));
    }

    private void book(final int id, final int sign, final long price, final long quantity, final long fee)
    {
        final InstrumentSpec spec = specs[id];
        final long notional = FixedPoint.notionalExact(price, spec.priceScale(), quantity, spec.quantityScale());
        cash = Math.subtractExact(cash, Math.multiplyExact(sign, notional));
        cash = Math.subtractExact(cash, fee);
        feesTotal += fee;
        fees[id] += fee;
        final long held = position[id];
        if (held == 0 || Long.signum(held) == sign)
        {
            costBasis[id] = Math.addExact(costBasis[id], sign * notional);
            position[id] = Math.addExact(held, sign * quantity);
            return;
        }
        final long heldAbs = Math.abs(held);
        final long closeQuantity = Math.min(quantity, heldAbs);
        final long basisRemoved = closeQuantity == heldAbs ?
            costBasis[id] : share(costBasis[id], closeQuantity, heldAbs);
        final long closeNotional =
            FixedPoint.notionalExact(price, spec.priceScale(), closeQuantity, spec.quantityScale());
        final long pnl = Long.signum(held) * closeNotional - basisRemoved;
        realized[id] += pnl;
        realizedTotal += pnl;
        costBasis[id] -= basisRemoved;
        position[id] = held + sign * closeQuantity;
        final long openQuantity = quantity - closeQuantity;
        if (openQuantity > 0)
        {
            costBasis[id] = Math.addExact(costBasis[id], sign * (notional - closeNotional));
            position[id] += sign * openQuantity;
        }
    }

    private static long share(final long basis, final long part, final long whole)
    {
        final long high = FixedPoint.multiplyOrOverflow(basis / whole, part);
        final long low = FixedPoint.multiplyOrOverflow(basis % whole, part);
        if (high == FixedPoint.OVERFLOW || low == FixedPoint.OVERFLOW)
        {
            return Math.round((double)basis * part / whole);
        }
        return high + FixedPoint.divide(low, whole, FixedPoint.Rounding.HALF_EVEN);
    }

    /**
     * Applies a split of {@code newShares} for {@code oldShares}: the position becomes {@code position x new / old}
     * rounded toward zero to the lot, the mark {@code mark x old / new} (rounded half-even to the price scale), the
     * cost basis stays; a fractional remainder is paid out as cash in lieu at the new mark and realised. P&amp;L is
     * unchanged up to the rounding of the new mark.
     */
    public void applySplit(final int id, final long newShares, final long oldShares)
    {
        final InstrumentSpec spec = specs[id];
        final long held = position[id];
        final long exact = Math.multiplyExact(held, newShares); // new-share units x oldShares
        final long kept = FixedPoint.roundToLot(exact / oldShares, spec.lotSizeUnits());
        final long fraction = exact - kept * oldShares; // new-share units x oldShares, same sign as held
        final long newMark = FixedPoint.divide(Math.multiplyExact(markPrice[id], oldShares), newShares,
            FixedPoint.Rounding.HALF_EVEN);
        if (fraction != 0)
        {
            final long proceeds = FixedPoint.divide(FixedPoint.notionalExact(newMark, spec.priceScale(), fraction,
                spec.quantityScale()), oldShares, FixedPoint.Rounding.HALF_EVEN);
            final long basisRemoved = share(costBasis[id], Math.abs(fraction), Math.abs(exact));
            cash = Math.addExact(cash, proceeds);
            realized[id] += proceeds - basisRemoved;
            realizedTotal += proceeds - basisRemoved;
            costBasis[id] -= basisRemoved;
        }
        position[id] = kept;
        markPrice[id] = newMark;
    }

    /** Marks an instrument to a price (price units) for equity and unrealised P&amp;L. */
    public void mark(final int id, final long price)
    {
        markPrice[id] = price;
    }

    @Override
    public long positionQuantity(final int id)
    {
        return position[id];
    }

    @Override
    public long equityMoney()
    {
        long equity = cash;
        for (int id = 0; id < specs.length; id++)
        {
            equity += markedValue(id);
        }
        return equity;
    }

    /** @return signed market value of a position at its mark, money units. */
    public long markedValue(final int id)
    {
        final InstrumentSpec spec = specs[id];
        return FixedPoint.notionalExact(markPrice[id], spec.priceScale(), position[id], spec.quantityScale());
    }

    /** @return unrealised P&amp;L of an instrument: marked value minus cost basis, money units. */
    public long unrealized(final int id)
    {
        return markedValue(id) - costBasis[id];
    }

    /** @return total unrealised P&amp;L, money units. */
    public long unrealizedTotal()
    {
        long total = 0;
        for (int id = 0; id < specs.length; id++)
        {
            total += unrealized(id);
        }
        return total;
    }

    /** @return realised P&amp;L of an instrument (before fees), money units. */
    public long realized(final int id)
    {
        return realized[id];
    }

    /** @return total realised P&amp;L (before fees), money units. */
    public long realizedTotal()
    {
        return realizedTotal;
    }

    /**
     * P&amp;L of one quote currency's instruments.
     *
     * @param currency   quote currency, e.g. USD, USDT.
     * @param realized   realised P&amp;L before fees, money units of that currency.
     * @param unrealized unrealised P&amp;L at the marks.
     * @param fees       fees paid.
     */
    public record CurrencyPnl(String currency, long realized, long unrealized, long fees)
    {
        /** @return realised + unrealised - fees. */
        public long net()
        {
            return realized + unrealized - fees;
        }
    }

    /**
     * @return P&amp;L per quote currency, in the order the currencies first appear among the instruments (a report:
     *         allocates). Cash is one pool; currencies are not converted (USD and USDT are kept apart here).
     */
    public java.util.List<CurrencyPnl> byCurrency()
    {
        final java.util.Map<String, long[]> sums = new java.util.LinkedHashMap<>();
        for (int id = 0; id < specs.length; id++)
        {
            final long[] sum = sums.computeIfAbsent(specs[id].quoteCurrency(), k -> new long[3]);
            sum[0] += realized[id];
            sum[1] += unrealized(id);
            sum[2] += fees[id];
        }
        final java.util.List<CurrencyPnl> out = new java.util.ArrayList<>();
        sums.forEach((currency, s) -> out.add(new CurrencyPnl(currency, s[0], s[1], s[2])));
        return out;
    }

    /** @return fees paid on an instrument, money units. */
    public long fees(final int id)
    {
        return fees[id];
    }

    /** @return total fees paid, money units. */
    public long feesTotal()
    {
        return feesTotal;
    }

    /** @return cash, money units. */
    public long cash()
    {
        return cash;
    }

    /** @return starting cash, money units. */
    public long initialCash()
    {
        return initialCash;
    }

    /** @return fills booked. */
    public long fills()
    {
        return fills;
    }

    /** @return the latest mark of an instrument, price units. */
    @Override
    public long markPrice(final int id)
    {
        return markPrice[id];
    }

    /** @return number of instruments. */
    public int instrumentCount()
    {
        return specs.length;
    }
}
