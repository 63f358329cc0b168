package io.keel.backtest;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.DecisionRecord;

import java.time.Instant;
import java.util.List;

/** One decision record as a line of {@code decisions.jsonl}: decimals with the instrument's scales, names not codes. */
final class DecisionLines
{
    private DecisionLines()
    {
    }

    /**
     * @param line   reused buffer (cleared first).
     * @param models the chain's model names, by index.
     * @return {@code line}, holding the record as one JSON object and a newline.
     */
    static StringBuilder line(final StringBuilder line, final DecisionRecord r, final InstrumentSpec spec,
        final List<String> models)
    {
        line.setLength(0);
        line.append("{\"time\":\"").append(Instant.ofEpochSecond(0, r.timestampNs))
            .append("\",\"symbol\":\"").append(spec.symbol()).append("\",\"orderId\":").append(r.clientOrderId)
            .append(",\"algo\":\"").append(r.algo.label())
            .append("\",\"verdict\":\"").append(r.verdict.name()).append("\",\"side\":\"").append(r.side.name())
            .append("\",\"quantity\":\"").append(FixedPoint.toText(r.orderQuantity, spec.quantityScale()))
            .append("\",\"price\":\"").append(FixedPoint.toText(r.referencePrice, spec.priceScale()))
            .append("\",\"position\":\"").append(FixedPoint.toText(r.positionQuantity, spec.quantityScale()))
            .append("\",\"target\":\"").append(FixedPoint.toText(r.targetQuantity, spec.quantityScale()))
            .append("\",\"equity\":\"").append(FixedPoint.toText(r.equityMoney, FixedPoint.MONEY_SCALE))
            .append("\",\"edgeBps\":").append(json(r.blendEdgeBps)).append(",\"confidence\":")
            .append(json(r.blendConfidence)).append(",\"volatility\":").append(json(r.volatilityAnnual))
            .append(",\"models\":{");
        for (int i = 0; i < Math.min(r.modelCount, models.size()); i++)
        {
            line.append(i == 0 ? "\"" : ",\"").append(models.get(i)).append("\":{\"edgeBps\":")
                .append(json(r.modelEdgeBps[i])).append(",\"confidence\":").append(json(r.modelConfidence[i]))
                .append(",\"weight\":").append(json(r.modelWeight[i])).append('}');
        }
        return line.append("}}\n");
    }

    private static String json(final double value)
    {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }
}
