package io.keel.risk;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.PortfolioView;
import io.keel.core.decision.WorkingOrdersView;
import io.keel.core.event.RejectReason;

/**
 * The book-wide limits of an order: gross and net exposure after it, and the credit its working orders and it use
 * (with a check that it would not cross one of our own resting orders). Allocation-free; single-threaded.
 */
final class BookExposure
{
    private final InstrumentSpec[] specs;
    private final RiskLimits limits;
    private final CreditVisitor credit = new CreditVisitor();

    BookExposure(final InstrumentSpec[] specs, final RiskLimits limits)
    {
        this.specs = specs;
        this.limits = limits;
    }

    /** Gross and net exposure of the book with this instrument's position replaced by {@code after}. */
    RejectReason gross(final int id, final long after, final long price, final PortfolioView book)
    {
        if (limits.maxGrossExposure() <= 0 && limits.maxNetExposure() <= 0)
        {
            return RejectReason.NONE;
        }
        long gross = 0;
        long net = 0;
        for (int i = 0; i < specs.length; i++)
        {
            final long quantity = i == id ? after : book.positionQuantity(i);
            final long mark = i == id ? price : book.markPrice(i);
            if (quantity == 0 || mark <= 0)
            {
                continue;
            }
            final long value = specs[i].notional(mark, Math.abs(quantity));
            if (value == FixedPoint.OVERFLOW)
            {
                return RejectReason.GROSS_EXPOSURE;
            }
            gross = FixedPoint.addOrOverflow(gross, value);
            net = FixedPoint.addOrOverflow(net, quantity > 0 ? value : -value);
            if (gross == FixedPoint.OVERFLOW || net == FixedPoint.OVERFLOW)
            {
                return RejectReason.GROSS_EXPOSURE;
            }
        }
        if (limits.maxGrossExposure() > 0 && gross > limits.maxGrossExposure())
        {
            return RejectReason.GROSS_EXPOSURE;
        }
        if (limits.maxNetExposure() > 0 && Math.abs(net) > limits.maxNetExposure())
        {
            return RejectReason.NET_EXPOSURE;
        }
        return RejectReason.NONE;
    }

    /** @return SELF_TRADE when the order would cross one of ours, CREDIT_LIMIT when over credit, else NONE. */
    RejectReason credit(final int id, final Side side, final long price, final long notional,
        final WorkingOrdersView orders)
    {
        credit.start(id, side, price, notional);
        orders.forEachWorking(credit);
        if (credit.crosses)
        {
            return RejectReason.SELF_TRADE;
        }
        if (limits.maxCredit() > 0 && (credit.total == FixedPoint.OVERFLOW || credit.total > limits.maxCredit()))
        {
            return RejectReason.CREDIT_LIMIT;
        }
        return RejectReason.NONE;
    }

    /** Sums working-order notional and looks for one of ours the new order would cross. */
    private final class CreditVisitor implements WorkingOrdersView.Visitor
    {
        int instrumentId;
        Side side;
        long price;
        long total;
        boolean crosses;

        void start(final int id, final Side newSide, final long newPrice, final long newNotional)
        {
            instrumentId = id;
            side = newSide;
            price = newPrice;
            total = newNotional;
            crosses = false;
        }

        @Override
        public void visit(final int orderInstrument, final Side orderSide, final long orderPrice, final long leaves)
        {
            if (orderInstrument < 0 || orderInstrument >= specs.length || leaves <= 0)
            {
                return;
            }
            if (orderInstrument == instrumentId && orderSide != side &&
                (orderPrice == 0 || (side == Side.BUY ? price >= orderPrice : price <= orderPrice)))
            {
                crosses = true; // a resting order of ours on the other side at or through our price, or a market one
            }
            final long at = orderPrice > 0 ? orderPrice : orderInstrument == instrumentId ? price : 0;
            final long value = at > 0 ? specs[orderInstrument].notional(at, leaves) : 0;
            total = value == FixedPoint.OVERFLOW || total == FixedPoint.OVERFLOW ? FixedPoint.OVERFLOW :
                FixedPoint.addOrOverflow(total, value);
        }
    }
}
