package io.keel.app.daemon;

import io.keel.engine.DecisionChain;
import io.keel.engine.DecisionConsumer;
import io.keel.engine.DecisionOutput;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.execution.Portfolio;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Re-runs a journal's inbound sequence through a decision chain and, after every event, checks the chain's P&amp;L
 * against an independent ledger kept in BigDecimal from the execution reports: realised + unrealised - fees must
 * equal cash + marked positions - initial cash, and positions must agree.
 */
final class LedgerCheck
{
    long eventsChecked;
    long fillsChecked;

    void run(final Path journal)
    {
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            reader.next(event, decision);
            final LoadedConfig loaded = ConfigLoader.fromText(reader.header().configText(), "journal");
            final DecisionChain chain = new DecisionChain(loaded, new DecisionOutput()
            {
                @Override
                public void onDecision(final DecisionRecord record)
                {
                }

                @Override
                public void onIntent(final Event intent)
                {
                }
            });
            final DecisionConsumer consumer = new DecisionConsumer(null, chain);
            final int n = loaded.instruments().size();
            final BigDecimal initial = money(loaded.money().initialCash());
            BigDecimal cash = initial;
            final BigDecimal[] position = new BigDecimal[n];
            java.util.Arrays.fill(position, BigDecimal.ZERO);
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind != RecordKind.EVENT || !event.type.isInbound())
                {
                    continue;
                }
                consumer.handle(event);
                if (event.type == EventType.EXECUTION_REPORT && event.quantity > 0 &&
                    (event.execType == ExecType.FILLED || event.execType == ExecType.PARTIALLY_FILLED))
                {
                    final InstrumentSpec spec = loaded.instruments().get(event.instrumentId);
                    final BigDecimal qty = BigDecimal.valueOf(event.quantity, spec.quantityScale());
                    final BigDecimal px = BigDecimal.valueOf(event.price, spec.priceScale());
                    final BigDecimal signed = event.side.sign() > 0 ? qty : qty.negate();
                    cash = cash.subtract(signed.multiply(px)).subtract(money(event.fee));
                    position[event.instrumentId] = position[event.instrumentId].add(signed);
                    fillsChecked++;
                }
                else if (event.type == EventType.EXECUTION_REPORT && event.execType == ExecType.FEE_IN_KIND)
                {
                    // a commission the venue took in the instrument: the position shrinks, no cash moves
                    final InstrumentSpec spec = loaded.instruments().get(event.instrumentId);
                    position[event.instrumentId] = position[event.instrumentId].subtract(
                        BigDecimal.valueOf(event.quantity, spec.quantityScale()));
                }
                check(chain.portfolio(), loaded, cash, position, initial, event);
                eventsChecked++;
            }
        }
    }

    private static void check(
        final Portfolio portfolio, final LoadedConfig loaded, final BigDecimal cash, final BigDecimal[] position,
        final BigDecimal initial, final Event after)
    {
        BigDecimal marked = BigDecimal.ZERO;
        for (int id = 0; id < position.length; id++)
        {
            final InstrumentSpec spec = loaded.instruments().get(id);
            final BigDecimal chainPosition = BigDecimal.valueOf(portfolio.positionQuantity(id), spec.quantityScale());
            if (chainPosition.compareTo(position[id]) != 0)
            {
                fail("position of " + spec.symbol() + " is " + chainPosition + ", ledger says " + position[id] +
                    " after " + after);
            }
            marked = marked.add(position[id].multiply(BigDecimal.valueOf(portfolio.markPrice(id), spec.priceScale())));
        }
        final BigDecimal chainPnl = money(portfolio.realizedTotal() + portfolio.unrealizedTotal() -
            portfolio.feesTotal());
        final BigDecimal ledgerPnl = cash.add(marked).subtract(initial);
        if (chainPnl.compareTo(ledgerPnl) != 0)
        {
            fail("P&L " + chainPnl + " != cash + marked positions - initial " + ledgerPnl + " after " + after);
        }
        assertEquals(0, money(portfolio.equityMoney()).compareTo(cash.add(marked)), "equity after " + after);
    }

    private static BigDecimal money(final long value)
    {
        return BigDecimal.valueOf(value, FixedPoint.MONEY_SCALE);
    }
}
