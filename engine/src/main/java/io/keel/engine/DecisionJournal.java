package io.keel.engine;

import io.keel.alpha.ModelStage;
import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;
import io.keel.core.decision.Blend;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;
import io.keel.core.event.RejectReason;
import io.keel.sizing.BookSizer;
import io.keel.sizing.VolatilityTargetSizer;

import java.util.Arrays;

/**
 * The chain's decision records: why each order was sent or vetoed (the models' signals, the blend, the sizing inputs,
 * the verdict, the algorithm), written to the output before the order's intent. A veto repeated on the same
 * instrument is journaled once per change of verdict (risk still counts each).
 *
 * <p>Single-threaded (the decision thread); one preallocated record, reused.
 */
final class DecisionJournal
{
    private final DecisionRecord record = new DecisionRecord();
    private final DecisionOutput output;
    private final ModelStage models;
    private final Blend blend;
    private final BookSizer sizer;
    private final RejectReason[] lastVeto;
    private long emitted;

    DecisionJournal(final int instruments, final DecisionOutput output, final ModelStage models, final Blend blend,
        final BookSizer sizer)
    {
        this.output = output;
        this.models = models;
        this.blend = blend;
        this.sizer = sizer;
        this.lastVeto = new RejectReason[instruments];
        Arrays.fill(lastVeto, RejectReason.NONE);
    }

    /**
     * @return true when {@code verdict} is the same veto the instrument's last decision got (not journaled again);
     *     otherwise remembers it and returns false.
     */
    boolean repeatedVeto(final int id, final RejectReason verdict)
    {
        if (verdict != RejectReason.NONE && verdict == lastVeto[id])
        {
            return true;
        }
        lastVeto[id] = verdict;
        return false;
    }

    /** Fills the record of a decision from the models' signals, the blend and the sizer's book as they are now. */
    DecisionRecord fill(final Event trigger, final int id, final Features f, final long equity, final long position,
        final long target, final Side side, final long quantity, final long price, final RejectReason verdict,
        final AlgoKind algo)
    {
        final VolatilityTargetSizer.Book book = sizer.book();
        record.triggerSequence = trigger.sequence;
        record.timestampNs = trigger.timestampNs;
        record.instrumentId = id;
        record.clientOrderId = 0;
        record.modelCount = models.count();
        for (int i = 0; i < models.count(); i++)
        {
            record.modelEdgeBps[i] = models.signals()[i].edgeBps;
            record.modelConfidence[i] = models.signals()[i].confidence;
            record.modelWeight[i] = blend.weights[i];
        }
        record.blendEdgeBps = blend.edgeBps;
        record.blendConfidence = blend.confidence;
        record.volatilityAnnual = f.realizedVolatilityAnnual;
        record.equityMoney = equity;
        record.positionQuantity = position;
        record.targetQuantity = target;
        record.side = side;
        record.orderQuantity = quantity;
        record.referencePrice = price;
        record.verdict = verdict;
        record.blendHorizonNs = blend.horizonNs;
        record.grossOthersUsd = book.grossOthers;
        record.varOthersUsd = book.varOthers;
        record.allocationScale = book.allocationScale;
        record.sizedQuantity = sizer.lastSized();
        record.algo = algo;
        record.closeOut = false;
        return record;
    }

    /** Writes the filled record, naming the order it caused (0: vetoed, none). */
    void emit(final long clientOrderId)
    {
        record.clientOrderId = clientOrderId;
        emitted++;
        output.onDecision(record);
    }

    /** @return decision records written. */
    long emitted()
    {
        return emitted;
    }
}
