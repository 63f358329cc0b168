package io.keel.sizing;

import io.keel.config.KeelConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;
import io.keel.core.decision.PortfolioView;

import java.util.Arrays;
import java.util.List;

/**
 * The decision chain's sizing stage for the whole book: the volatility-targeted size of one instrument given the
 * others it holds (gross notional and VaR of the same asset class), the hierarchical-risk-parity share of each
 * instrument (re-weighted once per return interval), the gain lock-in scale from risk, and the historical-VaR cut of
 * an order that would lift the book's VaR over its budget.
 *
 * <p>Single-threaded (the decision thread). Allocation-free per decision, except the HRP re-weighting (a few small
 * arrays once per return interval, once a day on the swing modes' default).
 */
public final class BookSizer
{
    private final InstrumentSpec[] specs;
    private final Features[] features;
    private final VolatilityTargetSizer sizer;
    private final HistoricalVar historicalVar;
    private final double varBudget;
    private final boolean hrp;
    private final double[][] covariance;
    private final double[] allocationScale;
    private final double[] notional;
    private final VolatilityTargetSizer.Book book = new VolatilityTargetSizer.Book();
    private int allocatedAtSample = -1;
    private long reallocations;
    private long historicalVarCuts;
    private long lastTarget;
    private long lastSized;

    /**
     * @param instruments the book's instruments, by id.
     * @param features    each instrument's features, by id (live objects the feature bus updates in place).
     */
    public BookSizer(final KeelConfig.Sizing config, final List<InstrumentSpec> instruments,
        final Features[] features)
    {
        this.specs = instruments.toArray(new InstrumentSpec[0]);
        this.features = features.clone();
        this.sizer = new VolatilityTargetSizer(config);
        this.historicalVar = config.historicalVarWindow() == 0 ? null : new HistoricalVar(specs.length,
            config.historicalVarWindow(), config.historicalVarIntervalMs() * 1_000_000L,
            config.varHorizonMs() * 1_000_000L, config.varConfidence());
        this.varBudget = config.varBudgetUsd().doubleValue();
        this.hrp = config.allocation() == KeelConfig.Allocation.HRP && historicalVar != null;
        this.covariance = new double[hrp ? specs.length : 0][specs.length];
        this.allocationScale = new double[specs.length];
        Arrays.fill(allocationScale, 1.0);
        this.notional = new double[specs.length];
    }

    /** A new mid of an instrument (the historical-VaR return window). */
    public void onMid(final int id, final long timestampNs, final double mid)
    {
        if (historicalVar != null)
        {
            historicalVar.onMid(id, timestampNs, mid);
        }
    }

    /**
     * Sizes an instrument's next order from the blend: target from the volatility target (given the book's other
     * positions and the instrument's allocation share), scaled by {@code sizeScale}, less what is held, then cut by
     * the historical VaR. {@link #lastTarget()}, {@link #lastSized()} and {@link #book()} tell how.
     *
     * @param sizeScale risk's gain lock-in (1 = none).
     * @return the signed quantity to send, a multiple of the lot, 0 for none.
     */
    public long size(final int id, final Blend blend, final PortfolioView portfolio, final double sizeScale)
    {
        final InstrumentSpec spec = specs[id];
        final long equity = portfolio.equityMoney();
        final long position = portfolio.positionQuantity(id);
        measureOtherPositions(id, portfolio);
        book.allocationScale = allocationScale(id);
        lastTarget = scaled(sizer.targetQuantity(spec, features[id], blend, equity, book), sizeScale, spec);
        lastSized = sizer.orderQuantity(spec, lastTarget, position);
        return limitByHistoricalVar(id, lastSized, portfolio);
    }

    /** Empties the book inputs (a decision taken without sizing: a close-out). */
    public void clearBook()
    {
        book.grossOthers = 0;
        book.varOthers = 0;
        book.allocationScale = 1.0;
    }

    /** @return the target position of the last {@link #size} call, in quantity units. */
    public long lastTarget()
    {
        return lastTarget;
    }

    /** @return the order quantity before the historical-VaR cut, of the last {@link #size} call. */
    public long lastSized()
    {
        return lastSized;
    }

    /** @return the book inputs of the last {@link #size} call (other positions, allocation share). */
    public VolatilityTargetSizer.Book book()
    {
        return book;
    }

    /** @return the historical-VaR budget, in USD. */
    public double varBudgetUsd()
    {
        return varBudget;
    }

    /** @return orders scaled down (or dropped) to keep the historical VaR of the book under the budget. */
    public long historicalVarCuts()
    {
        return historicalVarCuts;
    }

    /** @return times the hierarchical-risk-parity allocation was recomputed. */
    public long reallocations()
    {
        return reallocations;
    }

    /** @return the current allocation share of an instrument (1 = equal, or independent sizing). */
    public double allocationScaleOf(final int id)
    {
        return allocationScale[id];
    }

    /** Fills {@link #book} with the gross notional and VaR of the positions of {@code id}'s asset class but its own. */
    private void measureOtherPositions(final int id, final PortfolioView portfolio)
    {
        book.grossOthers = 0;
        book.varOthers = 0;
        final boolean crypto = specs[id].assetClass().isCrypto();
        for (int other = 0; other < specs.length; other++)
        {
            final long quantity = portfolio.positionQuantity(other);
            if (other == id || quantity == 0)
            {
                continue;
            }
            final Features of = features[other];
            final double value = Math.abs(FixedPoint.toDouble(quantity, specs[other].quantityScale()) * of.mid);
            book.varOthers += sizer.valueAtRisk(value, of.realizedVolatilityAnnual);
            if (specs[other].assetClass().isCrypto() == crypto)
            {
                book.grossOthers += value;
            }
        }
    }

    /**
     * Hierarchical risk parity across the instruments, re-weighted once per return interval: instrument i gets
     * n × w_i of an equal risk share. Until the return window holds enough scenarios, and while an instrument has no
     * variance yet, every share is 1.
     */
    private double allocationScale(final int id)
    {
        if (!hrp)
        {
            return 1.0;
        }
        final int samples = historicalVar.samples();
        if (samples != allocatedAtSample)
        {
            allocatedAtSample = samples;
            if (historicalVar.covariance(covariance) && positiveVariances())
            {
                final double[] weights = HierarchicalRiskParity.weights(covariance);
                for (int i = 0; i < weights.length; i++)
                {
                    allocationScale[i] = weights.length * weights[i];
                }
                reallocations++;
            }
        }
        return allocationScale[id];
    }

    private boolean positiveVariances()
    {
        for (int i = 0; i < covariance.length; i++)
        {
            if (!(covariance[i][i] > 0))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Scales an order down so the historical VaR of the book after it stays under the budget, unless it lowers the
     * VaR (reducing risk is always allowed) or there is not enough history yet.
     *
     * @return the signed quantity to send, a multiple of the lot, 0 for none.
     */
    private long limitByHistoricalVar(final int id, final long order, final PortfolioView portfolio)
    {
        if (order == 0 || historicalVar == null)
        {
            return order;
        }
        for (int i = 0; i < specs.length; i++)
        {
            notional[i] = FixedPoint.toDouble(portfolio.positionQuantity(i), specs[i].quantityScale()) *
                features[i].mid;
        }
        final double before = historicalVar.valueAtRisk(notional);
        final double orderNotional = FixedPoint.toDouble(order, specs[id].quantityScale()) * features[id].mid;
        final double held = notional[id];
        notional[id] = held + orderNotional;
        final double after = historicalVar.valueAtRisk(notional);
        if (Double.isNaN(after) || after <= varBudget || after <= before)
        {
            return order;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < 30; i++)
        {
            final double mid = (low + high) / 2;
            notional[id] = held + orderNotional * mid;
            if (historicalVar.valueAtRisk(notional) <= varBudget)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        historicalVarCuts++;
        return FixedPoint.roundToLot((long)(order * low), specs[id].lotSizeUnits());
    }

    /** @return the target scaled down (toward zero, to the lot) by the gain lock-in, unchanged at 1. */
    private static long scaled(final long target, final double scale, final InstrumentSpec spec)
    {
        return scale >= 1.0 ? target : FixedPoint.roundToLot((long)(target * scale), spec.lotSizeUnits());
    }
}
