package io.keel.core.journal;

import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.Event;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCodecTest
{
    @Test
    void shouldCallAnAllZeroRecordTruncatedNotAnUnknownVersion()
    {
        // what a reader finds when a file was cut right after a record's length header and later zero-extended
        final Bytes<?> zeros = Bytes.allocateElasticOnHeap(64);
        zeros.write(new byte[40]);
        final CorruptRecordException cut =
            assertThrows(CorruptRecordException.class, () -> new RecordCodec().beginRead(zeros));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());

        final Bytes<?> versionZero = Bytes.allocateElasticOnHeap(64);
        versionZero.writeByte((byte)0).writeByte(RecordKind.EVENT).writeLong(42);
        final CorruptRecordException unknown =
            assertThrows(CorruptRecordException.class, () -> new RecordCodec().beginRead(versionZero));
        assertTrue(unknown.getMessage().contains("unknown schema version 0"), unknown.getMessage());
    }

    private static Bytes<?> write(final int version, final Event event, final DecisionRecord decision)
    {
        final RecordCodec codec = new RecordCodec();
        codec.writeVersion = version;
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        codec.beginWrite(bytes, event != null ? RecordKind.EVENT : RecordKind.DECISION);
        if (event != null)
        {
            codec.writeEvent(event);
        }
        else
        {
            codec.writeDecision(decision);
        }
        codec.endWrite();
        return bytes;
    }

    @Test
    void shouldCarryAModelChangesTargetAndReadVersionOneJournalsWithDefaults()
    {
        final Event change = new Event().configChange(1_000, ConfigKey.MODEL_ENABLED, 3, 0);
        change.sequence = 7;
        final Event read = new Event();
        final RecordCodec codec = new RecordCodec();
        assertEquals(RecordKind.EVENT, codec.beginRead(write(RecordKind.SCHEMA_VERSION, change, null)));
        codec.readEvent(read);
        codec.endRead();
        assertEquals(change.toString(), read.toString());
        assertEquals(3, read.level);

        // a version-1 record (no target) still reads, with target 0
        final Event old = new Event().configChange(1_000, ConfigKey.MAX_ORDER_NOTIONAL_MONEY, 0, 5_000);
        assertEquals(RecordKind.EVENT, codec.beginRead(write(1, old, null)));
        codec.readEvent(read);
        codec.endRead();
        assertEquals(5_000, read.value);
        assertEquals(ConfigKey.MAX_ORDER_NOTIONAL_MONEY, read.configKey);
    }

    @Test
    void shouldCarryTheSizingInputsOfADecisionAndDefaultThemForVersionOne()
    {
        final DecisionRecord decision = new DecisionRecord();
        decision.modelCount = 1;
        decision.side = Side.BUY;
        decision.orderQuantity = 40;
        decision.blendHorizonNs = 5_000_000_000L;
        decision.grossOthersUsd = 12_345.5;
        decision.varOthersUsd = 678.25;
        decision.sizedQuantity = 55;
        final DecisionRecord read = new DecisionRecord();
        final RecordCodec codec = new RecordCodec();
        assertEquals(RecordKind.DECISION, codec.beginRead(write(RecordKind.SCHEMA_VERSION, null, decision)));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(decision.toString(), read.toString());

        assertEquals(RecordKind.DECISION, codec.beginRead(write(1, null, decision)));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(0, read.blendHorizonNs);
        assertEquals(0.0, read.grossOthersUsd);
        assertEquals(40, read.sizedQuantity, "a version-1 order was never cut: sized = sent");
    }

    @Test
    void shouldCarryTheReplacedOrderOfACancelReplaceFromSchemaThree()
    {
        final Event replace = new Event();
        replace.type = io.keel.core.event.EventType.ORDER_INTENT;
        replace.clientOrderId = 44;
        replace.command = io.keel.core.event.OperatorCommand.REPLACE;
        replace.orderType = io.keel.core.event.OrderType.LIMIT;
        replace.side = Side.BUY;
        replace.price = 100;
        replace.quantity = 5;
        replace.value = 40;
        final Event read = new Event();
        final RecordCodec codec = new RecordCodec();
        codec.beginRead(write(RecordKind.SCHEMA_VERSION, replace, null));
        codec.readEvent(read);
        codec.endRead();
        assertEquals(replace.toString(), read.toString());
        assertEquals(40, read.value);
        codec.beginRead(write(2, replace, null));
        codec.readEvent(read);
        codec.endRead();
        assertEquals(0, read.value, "schema 2 had no replaced id");
        assertEquals(44, read.clientOrderId);
    }

    @Test
    void shouldCarryTheParentTheAlgorithmAndTheCloseOutFromSchemaSevenAndDefaultThemBefore()
    {
        final Event child = new Event();
        child.type = io.keel.core.event.EventType.ORDER_INTENT;
        child.clientOrderId = (77L << 2) | 1;
        child.parentOrderId = 60L << 2;
        child.orderType = io.keel.core.event.OrderType.MARKET;
        child.side = Side.SELL;
        child.quantity = 9;
        final Event readEvent = new Event();
        final RecordCodec codec = new RecordCodec();
        codec.beginRead(write(RecordKind.SCHEMA_VERSION, child, null));
        codec.readEvent(readEvent);
        codec.endRead();
        assertEquals(child.toString(), readEvent.toString());
        codec.beginRead(write(5, child, null));
        codec.readEvent(readEvent);
        codec.endRead();
        assertEquals(0, readEvent.parentOrderId, "schema 5 had no parent");

        // a models' decision to go flat (no blend, no horizon, flat target) that is not a close-out
        final DecisionRecord flat = new DecisionRecord();
        flat.side = Side.SELL;
        flat.orderQuantity = 3;
        flat.positionQuantity = 3;
        flat.algo = io.keel.core.decision.AlgoKind.TWAP;
        final DecisionRecord read = new DecisionRecord();
        codec.beginRead(write(RecordKind.SCHEMA_VERSION, null, flat));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(flat.toString(), read.toString());
        assertEquals(false, read.closeOut, "schema 7 says it was the models, not a close-out");
        flat.closeOut = true;
        codec.beginRead(write(RecordKind.SCHEMA_VERSION, null, flat));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(true, read.closeOut);
        flat.closeOut = false;
        codec.beginRead(write(6, null, flat));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(true, read.closeOut, "before schema 7 the record's signature is all there is to tell");
        assertEquals(io.keel.core.decision.AlgoKind.TWAP, read.algo);
        codec.beginRead(write(5, null, flat));
        codec.readDecision(read);
        codec.endRead();
        assertEquals(io.keel.core.decision.AlgoKind.DIRECT, read.algo, "schema 5 had no algorithm");
    }
}
