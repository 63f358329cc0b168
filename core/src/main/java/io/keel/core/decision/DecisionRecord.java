package io.keel.core.decision;

import io.keel.core.Side;
import io.keel.core.event.RejectReason;

/**
 * Why an order intent was (or was not) emitted: each model's signal, the ensemble weights, the sizing inputs and
 * result, and the risk verdict. Journaled next to every intent and every vetoed one. Preallocated and reused.
 */
public final class DecisionRecord
{
    public static final int MAX_MODELS = 16;

    /** Inbound sequence of the event that triggered the decision. */
    public long triggerSequence;
    public long timestampNs;
    public int instrumentId;
    /** Client order id of the resulting intent; 0 when risk vetoed it. */
    public long clientOrderId;
    public int modelCount;
    public final double[] modelEdgeBps = new double[MAX_MODELS];
    public final double[] modelConfidence = new double[MAX_MODELS];
    public final double[] modelWeight = new double[MAX_MODELS];
    public double blendEdgeBps;
    public double blendConfidence;
    public double volatilityAnnual;
    public long equityMoney;
    public long positionQuantity;
    public long targetQuantity;
    public Side side = Side.NONE;
    public long orderQuantity;
    public long referencePrice;
    public RejectReason verdict = RejectReason.NONE;
    /** Horizon of the blended edge, ns (the sizer's Kelly cap is over it). */
    public long blendHorizonNs;
    /** Gross notional of the other positions of the instrument's asset class, USD (leverage room). */
    public double grossOthersUsd;
    /** Parametric VaR of the other positions, USD (VaR budget room). */
    public double varOthersUsd;
    /** Signed order size the sizer asked for before the historical-VaR cut (equals the order when not cut). */
    public long sizedQuantity;
    /** Cross-instrument allocation applied to the volatility target (hierarchical risk parity; 1 = independent). */
    public double allocationScale;
    /** How the order desk works the order: one direct order, or a parent for this execution algorithm. */
    public AlgoKind algo = AlgoKind.DIRECT;
    /** True for a close-out (flatten-all, an operator's close, a kill's flatten, the session's close), false for a
     *  decision of the models (including one to go flat because they lost their view). */
    public boolean closeOut;

    /** Copies all fields from another record. */
    public DecisionRecord copyFrom(final DecisionRecord other)
    {
        triggerSequence = other.triggerSequence;
        timestampNs = other.timestampNs;
        instrumentId = other.instrumentId;
        clientOrderId = other.clientOrderId;
        modelCount = other.modelCount;
        System.arraycopy(other.modelEdgeBps, 0, modelEdgeBps, 0, MAX_MODELS);
        System.arraycopy(other.modelConfidence, 0, modelConfidence, 0, MAX_MODELS);
        System.arraycopy(other.modelWeight, 0, modelWeight, 0, MAX_MODELS);
        blendEdgeBps = other.blendEdgeBps;
        blendConfidence = other.blendConfidence;
        volatilityAnnual = other.volatilityAnnual;
        equityMoney = other.equityMoney;
        positionQuantity = other.positionQuantity;
        targetQuantity = other.targetQuantity;
        side = other.side;
        orderQuantity = other.orderQuantity;
        referencePrice = other.referencePrice;
        verdict = other.verdict;
        blendHorizonNs = other.blendHorizonNs;
        grossOthersUsd = other.grossOthersUsd;
        varOthersUsd = other.varOthersUsd;
        sizedQuantity = other.sizedQuantity;
        allocationScale = other.allocationScale;
        algo = other.algo;
        closeOut = other.closeOut;
        return this;
    }

    /**
     * Sets the fields a schema version did not journal to the values reading such a record gives them, so a
     * regenerated record compares equal to one read from an older journal.
     */
    public DecisionRecord asOfSchema(final int schemaVersion)
    {
        if (schemaVersion < 2)
        {
            blendHorizonNs = 0;
            grossOthersUsd = 0;
            varOthersUsd = 0;
            sizedQuantity = orderQuantity;
            allocationScale = 1.0;
        }
        if (schemaVersion < 6)
        {
            algo = AlgoKind.DIRECT;
        }
        if (schemaVersion < 7)
        {
            closeOut = closeOutBySignature();
        }
        return this;
    }

    /**
     * @return what journals before schema 7 allow to tell of a close-out: no blend, no horizon, a flat target (a
     *     decision of models that lost their view looks the same; schema 7 journals say which it was).
     */
    public boolean closeOutBySignature()
    {
        return blendHorizonNs == 0 && targetQuantity == 0 && blendConfidence == 0;
    }

    @Override
    public String toString()
    {
        final StringBuilder models = new StringBuilder();
        for (int i = 0; i < modelCount; i++)
        {
            models.append(i == 0 ? "" : ", ").append(String.format("m%d[edge=%.4fbps conf=%.4f w=%.4f]",
                i, modelEdgeBps[i], modelConfidence[i], modelWeight[i]));
        }
        return "Decision{trigger=" + triggerSequence + ", ts=" + timestampNs + ", instrument=" + instrumentId +
            ", clOrdId=" + clientOrderId + ", models=[" + models + "], blendEdgeBps=" + blendEdgeBps +
            ", blendConf=" + blendConfidence + ", volAnnual=" + volatilityAnnual + ", equity=" + equityMoney +
            ", position=" + positionQuantity + ", target=" + targetQuantity + ", side=" + side +
            ", orderQty=" + orderQuantity + ", refPrice=" + referencePrice + ", verdict=" + verdict +
            ", blendHorizonNs=" + blendHorizonNs + ", grossOthersUsd=" + grossOthersUsd + ", varOthersUsd=" +
            varOthersUsd + ", sizedQty=" + sizedQuantity + ", allocation=" + allocationScale +
            ", algo=" + algo.label() + ", closeOut=" + closeOut + "}";
    }
}
