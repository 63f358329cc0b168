package io.keel.core.journal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

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
        final RecordCodec.CorruptRecordException cut =
            assertThrows(RecordCodec.CorruptRecordException.class, () -> new RecordCodec().beginRead(zeros));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());

        final Bytes<?> versionZero = Bytes.allocateElasticOnHeap(64);
        versionZero.writeByte((byte)0).writeByte(RecordKind.EVENT).writeLong(42);
        final RecordCodec.CorruptRecordException unknown =
            assertThrows(RecordCodec.CorruptRecordException.class, () -> new RecordCodec().beginRead(versionZero));
        assertTrue(unknown.getMessage().contains("unknown schema version 0"), unknown.getMessage());
    }
}
