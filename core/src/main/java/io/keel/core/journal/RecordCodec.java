package io.keel.core.journal;

import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.QualityCode;
import io.keel.core.event.RejectReason;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Explicit binary marshalling of journal records: {@code [schemaVersion:byte][kind:byte][body][checksum:long]}.
 * The checksum mixes every value written, so a flipped or missing byte is caught on read. One instance per thread;
 * allocation-free except for the strings of a {@link RunHeader}.
 */
final class RecordCodec
{
    private static final long CHECKSUM_SEED = 0x4B45454C4A524E4CL;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private Bytes<?> bytes;
    private long checksum;

    private int readVersion = RecordKind.SCHEMA_VERSION;
    /** Layout written; older only in tests that prove old journals still read. */
    int writeVersion = RecordKind.SCHEMA_VERSION;

    void beginWrite(final Bytes<?> target, final byte kind)
    {
        bytes = target;
        checksum = CHECKSUM_SEED;
        writeByte(writeVersion);
        writeByte(kind);
    }

    void endWrite()
    {
        bytes.writeLong(checksum);
        bytes = null;
    }

    /** @return the record kind, after checking the schema version. */
    byte beginRead(final Bytes<?> source)
    {
        bytes = source;
        checksum = CHECKSUM_SEED;
        final int version = readByte();
        if (version == 0 && restIsZero(source))
        {
            // a record whose header survived but whose body reads as zeros: the file was cut inside it
            throw new CorruptRecordException("record is all zeros: the file was truncated, or the write was torn");
        }
        if (version < RecordKind.OLDEST_READABLE_SCHEMA_VERSION || version > RecordKind.SCHEMA_VERSION)
        {
            throw new CorruptRecordException("unknown schema version " + version + " (this build reads versions " +
                RecordKind.OLDEST_READABLE_SCHEMA_VERSION + " to " + RecordKind.SCHEMA_VERSION + ")");
        }
        readVersion = version;
        return (byte)readByte();
    }

    private static boolean restIsZero(final Bytes<?> source)
    {
        for (long position = source.readPosition(), limit = source.readLimit(); position < limit; position++)
        {
            if (source.readByte(position) != 0)
            {
                return false;
            }
        }
        return true;
    }

    void endRead()
    {
        final long remaining = bytes.readRemaining();
        if (remaining != Long.BYTES)
        {
            throw new CorruptRecordException("record length mismatch: " + remaining +
                " bytes after the body, expected " + Long.BYTES + " (checksum)");
        }
        final long expected = checksum;
        final long actual = bytes.readLong();
        bytes = null;
        final long diff = actual ^ expected;
        final int firstDifferentByte = Long.numberOfTrailingZeros(diff) / Byte.SIZE;
        if (diff != 0 && (actual >>> (firstDifferentByte * Byte.SIZE)) == 0)
        {
            // from the first differing byte on, the record is all zeros: it was cut there
            throw new CorruptRecordException("record is cut short (zeros where its checksum belongs): the file was " +
                "truncated, or the write was torn");
        }
        if (actual != expected)
        {
            throw new CorruptRecordException("checksum mismatch: record says " + Long.toHexString(actual) +
                ", content gives " + Long.toHexString(expected));
        }
    }

    void writeEvent(final Event event)
    {
        writeByte(event.type.code());
        writeLong(event.sequence);
        writeLong(event.timestampNs);
        writeInt(event.instrumentId);
        switch (event.type)
        {
            case TRADE -> writeSidePriceQuantity(event);
            case QUOTE ->
            {
                writeLong(event.bidPrice);
                writeLong(event.bidQuantity);
                writeLong(event.askPrice);
                writeLong(event.askQuantity);
            }
            case BOOK_LEVEL ->
            {
                writeInt(event.level);
                writeSidePriceQuantity(event);
            }
            case BAR ->
            {
                writeLong(event.open);
                writeLong(event.high);
                writeLong(event.low);
                writeLong(event.price);
                writeLong(event.quantity);
                writeLong(event.value);
            }
            case FUNDING_RATE, TIMER -> writeLong(event.value);
            case OPERATOR_COMMAND ->
            {
                writeByte(event.command.code());
                if (writeVersion >= 5)
                {
                    writeLong(event.clientOrderId); // the order a CANCEL_ORDER names
                }
            }
            case ORDER_INTENT ->
            {
                writeLong(event.clientOrderId);
                writeByte(event.orderType.code());
                writeByte(event.command.code());
                writeSidePriceQuantity(event);
                if (writeVersion >= 3)
                {
                    writeLong(event.value);
                }
                if (writeVersion >= 6)
                {
                    writeLong(event.parentOrderId);
                }
            }
            case EXECUTION_REPORT ->
            {
                writeLong(event.clientOrderId);
                writeByte(event.execType.code());
                writeSidePriceQuantity(event);
                writeLong(event.leavesQuantity);
                writeLong(event.fee);
                writeByte(event.rejectReason.code());
            }
            case QUALITY_FLAG ->
            {
                writeByte(event.qualityCode.code());
                writeByte(event.level);
                writeLong(event.value);
            }
            case CONFIG_CHANGE ->
            {
                writeByte(event.configKey.code());
                writeLong(event.value);
                if (writeVersion >= 2)
                {
                    writeInt(event.level);
                }
            }
            case CORPORATE_ACTION ->
            {
                writeLong(event.value);
                writeLong(event.quantity);
            }
            default -> throw new IllegalArgumentException("cannot journal event type " + event.type);
        }
    }

    void readEvent(final Event event)
    {
        event.reset();
        final int code = readByte();
        final EventType type = EventType.fromCode(code);
        if (type == null || type == EventType.NONE)
        {
            throw new CorruptRecordException("unknown event type code " + code);
        }
        event.type = type;
        event.sequence = readLong();
        event.timestampNs = readLong();
        event.instrumentId = readInt();
        switch (type)
        {
            case TRADE -> readSidePriceQuantity(event);
            case QUOTE ->
            {
                event.bidPrice = readLong();
                event.bidQuantity = readLong();
                event.askPrice = readLong();
                event.askQuantity = readLong();
            }
            case BOOK_LEVEL ->
            {
                event.level = readInt();
                readSidePriceQuantity(event);
            }
            case BAR ->
            {
                event.open = readLong();
                event.high = readLong();
                event.low = readLong();
                event.price = readLong();
                event.quantity = readLong();
                event.value = readLong();
            }
            case FUNDING_RATE, TIMER -> event.value = readLong();
            case OPERATOR_COMMAND ->
            {
                event.command = CorruptRecordException.known(OperatorCommand.fromCode(readByte()), "operator command");
                event.clientOrderId = readVersion >= 5 ? readLong() : 0;
            }
            case ORDER_INTENT ->
            {
                event.clientOrderId = readLong();
                event.orderType = CorruptRecordException.known(OrderType.fromCode(readByte()), "order type");
                event.command = CorruptRecordException.known(OperatorCommand.fromCode(readByte()), "operator command");
                readSidePriceQuantity(event);
                event.value = readVersion >= 3 ? readLong() : 0;
                event.parentOrderId = readVersion >= 6 ? readLong() : 0;
            }
            case EXECUTION_REPORT ->
            {
                event.clientOrderId = readLong();
                event.execType = CorruptRecordException.known(ExecType.fromCode(readByte()), "exec type");
                readSidePriceQuantity(event);
                event.leavesQuantity = readLong();
                event.fee = readLong();
                event.rejectReason = CorruptRecordException.known(RejectReason.fromCode(readByte()), "reject reason");
            }
            case QUALITY_FLAG ->
            {
                event.qualityCode = CorruptRecordException.known(QualityCode.fromCode(readByte()), "quality code");
                event.level = readByte();
                event.value = readLong();
            }
            case CONFIG_CHANGE ->
            {
                event.configKey = CorruptRecordException.known(ConfigKey.fromCode(readByte()), "config key");
                event.value = readLong();
                event.level = readVersion >= 2 ? readInt() : 0;
            }
            case CORPORATE_ACTION ->
            {
                event.value = readLong();
                event.quantity = readLong();
            }
            default -> throw new CorruptRecordException("unexpected event type " + type);
        }
    }

    void writeDecision(final DecisionRecord record)
    {
        writeLong(record.triggerSequence);
        writeLong(record.timestampNs);
        writeInt(record.instrumentId);
        writeLong(record.clientOrderId);
        writeByte(record.modelCount);
        for (int i = 0; i < record.modelCount; i++)
        {
            writeDouble(record.modelEdgeBps[i]);
            writeDouble(record.modelConfidence[i]);
            writeDouble(record.modelWeight[i]);
        }
        writeDouble(record.blendEdgeBps);
        writeDouble(record.blendConfidence);
        writeDouble(record.volatilityAnnual);
        writeLong(record.equityMoney);
        writeLong(record.positionQuantity);
        writeLong(record.targetQuantity);
        writeByte(record.side.code());
        writeLong(record.orderQuantity);
        writeLong(record.referencePrice);
        writeByte(record.verdict.code());
        if (writeVersion >= 2)
        {
            writeLong(record.blendHorizonNs);
            writeDouble(record.grossOthersUsd);
            writeDouble(record.varOthersUsd);
            writeLong(record.sizedQuantity);
            writeDouble(record.allocationScale);
        }
        if (writeVersion >= 6)
        {
            writeByte(record.algo.code());
        }
        if (writeVersion >= 7)
        {
            writeByte(record.closeOut ? 1 : 0);
        }
    }

    void readDecision(final DecisionRecord record)
    {
        record.triggerSequence = readLong();
        record.timestampNs = readLong();
        record.instrumentId = readInt();
        record.clientOrderId = readLong();
        final int models = readByte();
        if (models > DecisionRecord.MAX_MODELS)
        {
            throw new CorruptRecordException("decision record claims " + models + " models, at most " +
                DecisionRecord.MAX_MODELS);
        }
        record.modelCount = models;
        for (int i = 0; i < models; i++)
        {
            record.modelEdgeBps[i] = readDouble();
            record.modelConfidence[i] = readDouble();
            record.modelWeight[i] = readDouble();
        }
        record.blendEdgeBps = readDouble();
        record.blendConfidence = readDouble();
        record.volatilityAnnual = readDouble();
        record.equityMoney = readLong();
        record.positionQuantity = readLong();
        record.targetQuantity = readLong();
        record.side = CorruptRecordException.known(Side.fromCode(readByte()), "side");
        record.orderQuantity = readLong();
        record.referencePrice = readLong();
        record.verdict = CorruptRecordException.known(RejectReason.fromCode(readByte()), "verdict");
        if (readVersion >= 2)
        {
            record.blendHorizonNs = readLong();
            record.grossOthersUsd = readDouble();
            record.varOthersUsd = readDouble();
            record.sizedQuantity = readLong();
            record.allocationScale = readDouble();
        }
        else
        {
            record.asOfSchema(readVersion);
        }
        record.algo = readVersion >= 6 ? CorruptRecordException.known(AlgoKind.fromCode(readByte()), "algo") :
            AlgoKind.DIRECT;
        record.closeOut = readVersion >= 7 ? readByte() != 0 : record.closeOutBySignature();
    }

    void writeHeader(final RunHeader header)
    {
        writeInt(header.schemaVersion());
        writeString(header.buildVersion());
        writeString(header.mode());
        writeString(header.configHash());
        writeLong(header.seed());
        writeString(header.configText());
    }

    RunHeader readHeader()
    {
        final int schema = readInt();
        final String build = readString();
        final String mode = readString();
        final String hash = readString();
        final long seed = readLong();
        final String text = readString();
        return new RunHeader(schema, build, mode, hash, seed, text);
    }

    void writeRunEnd(final long records)
    {
        writeLong(records);
    }

    long readRunEnd()
    {
        return readLong();
    }

    private void writeSidePriceQuantity(final Event event)
    {
        writeByte(event.side.code());
        writeLong(event.price);
        writeLong(event.quantity);
    }

    private void readSidePriceQuantity(final Event event)
    {
        event.side = CorruptRecordException.known(Side.fromCode(readByte()), "side");
        event.price = readLong();
        event.quantity = readLong();
    }

    private void mix(final long value)
    {
        checksum = (checksum ^ value) * MIX;
        checksum ^= checksum >>> 29;
    }

    private void writeByte(final int value)
    {
        bytes.writeByte((byte)value);
        mix(value & 0xFF);
    }

    private void writeInt(final int value)
    {
        bytes.writeInt(value);
        mix(value);
    }

    private void writeLong(final long value)
    {
        bytes.writeLong(value);
        mix(value);
    }

    private void writeDouble(final double value)
    {
        writeLong(Double.doubleToRawLongBits(value));
    }

    private void writeString(final String value)
    {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        for (final byte b : utf8)
        {
            writeByte(b);
        }
    }

    private void need(final int count)
    {
        if (bytes.readRemaining() < count)
        {
            throw new CorruptRecordException("record truncated: needed " + count + " more bytes, " +
                bytes.readRemaining() + " left");
        }
    }

    private int readByte()
    {
        need(1);
        final int value = bytes.readByte() & 0xFF;
        mix(value);
        return value;
    }

    private int readInt()
    {
        need(Integer.BYTES);
        final int value = bytes.readInt();
        mix(value);
        return value;
    }

    private long readLong()
    {
        need(Long.BYTES);
        final long value = bytes.readLong();
        mix(value);
        return value;
    }

    private double readDouble()
    {
        return Double.longBitsToDouble(readLong());
    }

    private String readString()
    {
        final int length = readInt();
        if (length < 0 || length > bytes.readRemaining())
        {
            throw new CorruptRecordException("string length " + length + " exceeds the record");
        }
        final byte[] utf8 = new byte[length];
        for (int i = 0; i < length; i++)
        {
            utf8[i] = (byte)readByte();
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
