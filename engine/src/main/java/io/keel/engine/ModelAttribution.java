package io.keel.engine;

import io.keel.alpha.AlphaModel;
import io.keel.alpha.AlphaZoo;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.EventType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-model attribution of a backtest's orders. Each order sent (not vetoed) is marked out over {@code horizonNs}:
 * {@code markout = signed notional x (mid at order time + horizon / order price - 1)}, so it includes the half
 * spread paid or earned. The markout is split across models by their signed share of the blend,
 * {@code w_i x e_i / sum_j(w_j x e_j)} (shares sum to 1; a model that argued against the order gets a negative
 * share, and so is credited with the opposite of the order's result). Also counted per model: orders it took part in
 * (confidence above zero) and orders whose side its own edge agreed with.
 *
 * <p>Off the hot path: used by {@code replay}, allocates per order.
 */
public final class ModelAttribution
{
    private final List<String> modelNames;
    private final InstrumentSpec[] specs;
    private final long horizonNs;
    private final List<ArrayDeque<Pending>> pending = new ArrayList<>();
    private final double[] markoutUsd;
    private final long[] ordersIn;
    private final long[] ordersAgreeing;
    private double totalMarkoutUsd;
    private long orders;
    private long markedOut;

    private record Pending(long dueNs, double price, double signedNotional, double[] shares)
    {
    }

    /**
     * @param modelNames the chain's models, in its order.
     * @param specs      the instruments, by id.
     * @param horizonNs  how long after an order its markout is taken.
     */
    public ModelAttribution(final List<String> modelNames, final List<InstrumentSpec> specs, final long horizonNs)
    {
        if (horizonNs <= 0)
        {
            throw new IllegalArgumentException("attribution horizon must be positive: " + horizonNs);
        }
        this.modelNames = List.copyOf(modelNames);
        this.specs = specs.toArray(new InstrumentSpec[0]);
        this.horizonNs = horizonNs;
        for (int i = 0; i < this.specs.length; i++)
        {
            pending.add(new ArrayDeque<>());
        }
        markoutUsd = new double[modelNames.size()];
        ordersIn = new long[modelNames.size()];
        ordersAgreeing = new long[modelNames.size()];
    }

    /** @return an attribution of the chain's models over the ensemble's horizon ({@code ensemble.horizonMs}). */
    public static ModelAttribution forConfig(final LoadedConfig loaded)
    {
        final List<String> names = new java.util.ArrayList<>();
        for (final AlphaModel model : AlphaZoo.fromConfig(loaded.config().alpha()))
        {
            names.add(model.name());
        }
        return new ModelAttribution(List.copyOf(names), loaded.instruments(),
            loaded.config().ensemble().horizonMs() * 1_000_000L);
    }

    /** @return the models attributed, in the chain's order. */
    public List<String> modelNames()
    {
        return modelNames;
    }

    /** @return this attribution fed by a backtest: its decisions, and each instrument's mid after a market event. */
    public BacktestListener listener()
    {
        return new BacktestListener()
        {
            @Override
            public void onDecision(final DecisionRecord record)
            {
                ModelAttribution.this.onDecision(record);
            }

            @Override
            public void afterEvent(final io.keel.core.event.Event event, final DecisionChain chain)
            {
                if (event.instrumentId >= 0 && event.instrumentId < specs.length && (event.type == EventType.TRADE ||
                    event.type == EventType.QUOTE || event.type == EventType.BOOK_LEVEL ||
                    event.type == EventType.BAR))
                {
                    onMid(event.instrumentId, event.timestampNs, chain.features().features(event.instrumentId).mid);
                }
            }
        };
    }

    /** Adds another attribution of the same models (another day replayed on its own) into this one. */
    public void add(final ModelAttribution other)
    {
        if (!other.modelNames.equals(modelNames))
        {
            throw new IllegalArgumentException("attributions of different models: " + other.modelNames + " vs " +
                modelNames);
        }
        for (int i = 0; i < markoutUsd.length; i++)
        {
            markoutUsd[i] += other.markoutUsd[i];
            ordersIn[i] += other.ordersIn[i];
            ordersAgreeing[i] += other.ordersAgreeing[i];
        }
        totalMarkoutUsd += other.totalMarkoutUsd;
        orders += other.orders;
        markedOut += other.markedOut;
    }

    /**
     * @return each model's signed share of a decision's blend, {@code w_i e_i / sum_j w_j e_j} (all zero when the
     *     blend is zero: a flatten).
     */
    public static double[] shares(final DecisionRecord record)
    {
        final int count = record.modelCount;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += record.modelWeight[i] * record.modelEdgeBps[i];
        }
        final double[] shares = new double[count];
        for (int i = 0; sum != 0 && i < count; i++)
        {
            shares[i] = record.modelWeight[i] * record.modelEdgeBps[i] / sum;
        }
        return shares;
    }

    /** A decision of the chain: orders sent are queued for their markout; vetoes are ignored. */
    public void onDecision(final DecisionRecord record)
    {
        if (record.clientOrderId == 0 || record.side == Side.NONE || record.orderQuantity == 0)
        {
            return;
        }
        orders++;
        final InstrumentSpec spec = specs[record.instrumentId];
        final double price = FixedPoint.toDouble(record.referencePrice, spec.priceScale());
        final double signedNotional = record.side.sign() *
            FixedPoint.toDouble(record.orderQuantity, spec.quantityScale()) * price;
        final int count = Math.min(record.modelCount, modelNames.size());
        for (int i = 0; i < count; i++)
        {
            if (record.modelConfidence[i] > 0)
            {
                ordersIn[i]++;
                if (Math.signum(record.modelEdgeBps[i]) == record.side.sign())
                {
                    ordersAgreeing[i]++;
                }
            }
        }
        final double[] shares = shares(record);
        pending.get(record.instrumentId).addLast(new Pending(record.timestampNs + horizonNs, price, signedNotional,
            shares));
    }

    /** The instrument's mid at event time {@code timestampNs}: settles every order of it whose horizon has passed. */
    public void onMid(final int instrumentId, final long timestampNs, final double mid)
    {
        if (instrumentId < 0 || instrumentId >= pending.size() || !(mid > 0))
        {
            return;
        }
        final ArrayDeque<Pending> queue = pending.get(instrumentId);
        while (!queue.isEmpty() && queue.peekFirst().dueNs() <= timestampNs)
        {
            final Pending order = queue.pollFirst();
            final double markout = order.signedNotional() * (mid / order.price() - 1);
            totalMarkoutUsd += markout;
            markedOut++;
            for (int i = 0; i < Math.min(order.shares().length, markoutUsd.length); i++)
            {
                markoutUsd[i] += order.shares()[i] * markout;
            }
        }
    }

    /** @return the markout attributed to model {@code i}, in quote currency. */
    public double markoutUsd(final int i)
    {
        return markoutUsd[i];
    }

    /** @return the markout of all settled orders. */
    public double totalMarkoutUsd()
    {
        return totalMarkoutUsd;
    }

    /** @return orders model {@code i} took part in. */
    public long ordersIn(final int i)
    {
        return ordersIn[i];
    }

    /** @return orders whose side model {@code i}'s edge agreed with. */
    public long ordersAgreeing(final int i)
    {
        return ordersAgreeing[i];
    }

    /** @return orders whose horizon ended before the data did. */
    public long markedOut()
    {
        return markedOut;
    }

    /** @return the per-model table for the console. */
    public String format()
    {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "attribution: %d orders, %d marked out at the first mid %.1f s or more after the order, markout %.2f " +
            "USD (before fees)%n",
            orders, markedOut, horizonNs / 1e9, totalMarkoutUsd));
        out.append(String.format(Locale.ROOT, "  %-22s %8s %8s %14s%n", "model", "orders", "agreed", "markout_usd"));
        for (int i = 0; i < modelNames.size(); i++)
        {
            out.append(String.format(Locale.ROOT, "  %-22s %8d %8d %14.2f%n", modelNames.get(i), ordersIn[i],
                ordersAgreeing[i], markoutUsd[i]));
        }
        return out.toString();
    }
}
