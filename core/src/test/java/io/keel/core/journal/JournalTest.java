package io.keel.core.journal;

import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.ConfigKey;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.QualityCode;
import io.keel.core.event.RejectReason;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    private static List<Event> oneOfEachType()
    {
        final long t = JournalTestSupport.START_NS;
        final List<Event> events = new ArrayList<>();
        events.add(new Event().trade(t, 1, Side.SELL, 6_500_000, 123));
        events.add(new Event().quote(t + 1, 1, 6_499_900, 10, 6_500_100, 20));
        events.add(new Event().bookLevel(t + 2, 1, Side.BUY, 3, 6_499_500, 77));
        final Event bar = new Event();
        bar.type = EventType.BAR;
        bar.open = 1;
        bar.high = 5;
        bar.low = -2;
        bar.price = 3;
        bar.quantity = 1000;
        bar.value = 60_000_000_000L;
        events.add(bar);
        final Event funding = new Event();
        funding.type = EventType.FUNDING_RATE;
        funding.value = -125;
        events.add(funding);
        events.add(new Event().timer(t + 3, 42));
        events.add(new Event().operatorCommand(t + 4, OperatorCommand.KILL, -1));
        final Event intent = new Event();
        intent.type = EventType.ORDER_INTENT;
        intent.clientOrderId = 99;
        intent.orderType = OrderType.LIMIT;
        intent.side = Side.BUY;
        intent.price = 6_500_000;
        intent.quantity = 3;
        events.add(intent);
        events.add(new Event().executionReport(t + 5, 1, 99, ExecType.PARTIALLY_FILLED, Side.BUY, 6_500_000, 1, 2,
            1234, RejectReason.NONE));
        final Event quality = new Event();
        quality.type = EventType.QUALITY_FLAG;
        quality.qualityCode = QualityCode.CROSSED_BOOK;
        quality.value = 7;
        events.add(quality);
        final Event config = new Event();
        config.type = EventType.CONFIG_CHANGE;
        config.configKey = ConfigKey.MAX_POSITION_NOTIONAL_MONEY;
        config.value = Long.MAX_VALUE;
        events.add(config);
        long sequence = 1;
        for (final Event e : events)
        {
            e.sequence = sequence++;
        }
        return events;
    }

    @Test
    void shouldRoundTripEveryEventTypeDecisionAndHeader(@TempDir final Path dir)
    {
        final List<Event> written = oneOfEachType();
        final DecisionRecord decision = new DecisionRecord();
        decision.triggerSequence = 5;
        decision.modelCount = 2;
        decision.modelEdgeBps[1] = -3.25;
        decision.modelConfidence[0] = 0.5;
        decision.modelWeight[1] = 0.75;
        decision.side = Side.SELL;
        decision.verdict = RejectReason.MAX_POSITION;
        decision.volatilityAnnual = Math.PI;
        try (JournalWriter writer = JournalWriter.open(dir, JournalTestSupport.START_NS, JournalTestSupport.header()))
        {
            written.forEach(writer::append);
            writer.append(decision);
        }

        final List<String> read = new ArrayList<>();
        final Event event = new Event();
        final DecisionRecord readDecision = new DecisionRecord();
        try (JournalReader reader = JournalReader.open(dir))
        {
            byte kind;
            while ((kind = reader.next(event, readDecision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT)
                {
                    read.add(event.toString());
                }
            }
            reader.requireCleanEnd();
            assertEquals(JournalTestSupport.header(), reader.header());
            assertEquals(written.size() + 3, reader.records());
        }
        assertEquals(written.stream().map(Event::toString).toList(), read);
        assertEquals(decision.toString(), readDecision.toString());
    }

    @Test
    void shouldNameFileWhenJournalIsTruncated(@TempDir final Path dir) throws Exception
    {
        JournalTestSupport.writeTrades(dir, 200);
        final Path file = JournalTestSupport.onlyQueueFile(dir);
        JournalTestSupport.truncate(file, JournalTestSupport.dataEnd(file) / 2);

        final JournalException ex = assertThrows(JournalException.class, () -> readAll(dir));
        assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
    }

    @Test
    void shouldCallEveryCutPositionTruncatedNeverAnotherError(@TempDir final Path dir) throws Exception
    {
        // sweep the cut over more than one whole record: wherever it lands, the error must say what happened
        JournalTestSupport.writeTrades(dir.resolve("probe"), 200);
        final long middle = JournalTestSupport.dataEnd(JournalTestSupport.onlyQueueFile(dir.resolve("probe"))) / 2;
        for (int offset = 0; offset < 96; offset++)
        {
            final Path journal = dir.resolve("cut" + offset);
            JournalTestSupport.writeTrades(journal, 200);
            final Path file = JournalTestSupport.onlyQueueFile(journal);
            JournalTestSupport.truncate(file, middle + offset);
            final JournalException ex = assertThrows(JournalException.class, () -> readAll(journal));
            final String message = ex.getMessage();
            assertTrue(message.contains("truncated") && message.contains(file.getFileName().toString()),
                "cut at " + (middle + offset) + ": " + message);
        }
    }

    @Test
    void shouldNameFileAndIndexWhenRecordIsCorrupt(@TempDir final Path dir) throws Exception
    {
        JournalTestSupport.writeTrades(dir, 100);
        final Path file = JournalTestSupport.onlyQueueFile(dir);
        final byte[] content = Files.readAllBytes(file);
        final byte[] price = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(100_00 + 50).array();
        final int at = indexOf(content, price);
        assertTrue(at > 0, "price of record 50 not found");
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at);
            raf.write(price[0] ^ 0x01);
        }

        final JournalException ex = assertThrows(JournalException.class, () -> readAll(dir));
        assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
        assertEquals(51, ex.index() & 0xFFFF_FFFFL, "header is record 0, trade 50 is record 51");
    }

    @Test
    void shouldRejectUnknownSchemaVersion(@TempDir final Path dir)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY).build())
        {
            final ExcerptAppender appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeByte((byte)9).writeByte(RecordKind.RUN_HEADER).writeLong(0);
            }
        }
        final JournalException ex = assertThrows(JournalException.class, () -> readAll(dir));
        assertTrue(ex.getMessage().contains("unknown schema version 9"), ex.getMessage());
        assertTrue(ex.getMessage().contains(".cq4"), ex.getMessage());
    }

    @Test
    void shouldReadAJournalWrittenBySchemaVersionOne(@TempDir final Path dir)
    {
        final DecisionRecord decision = new DecisionRecord();
        decision.modelCount = 1;
        decision.side = io.keel.core.Side.SELL;
        decision.orderQuantity = 12;
        try (JournalWriter writer = JournalWriter.open(dir, JournalTestSupport.START_NS, new RunHeader(1, "old",
            "crypto_scalp", "abc", 7, "mode: crypto_scalp\n")))
        {
            // a header declaring schema 1 makes the writer use the layout builds before schema 2 wrote
            writer.append(new Event().configChange(JournalTestSupport.START_NS, io.keel.core.event.ConfigKey
                .MAX_ORDER_NOTIONAL_MONEY, 0, 123));
            writer.append(decision);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            final Event event = new Event();
            final DecisionRecord read = new DecisionRecord();
            assertEquals(RecordKind.RUN_HEADER, reader.next(event, read));
            assertEquals(1, reader.header().schemaVersion());
            assertEquals(RecordKind.EVENT, reader.next(event, read));
            assertEquals(123, event.value);
            assertEquals(RecordKind.DECISION, reader.next(event, read));
            assertEquals(12, read.sizedQuantity, "schema 1 had no VaR cut field: sized = sent");
            assertEquals(1.0, read.allocationScale);
            assertEquals(RecordKind.RUN_END, reader.next(event, read));
            reader.requireCleanEnd();
        }
    }

    @Test
    void shouldRejectMissingDirectory(@TempDir final Path dir)
    {
        final JournalException ex = assertThrows(JournalException.class, () -> readAll(dir.resolve("nope")));
        assertTrue(ex.getMessage().contains("no such journal directory"), ex.getMessage());
    }

    private static void readAll(final Path dir)
    {
        try (JournalReader reader = JournalReader.open(dir))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            while (reader.next(event, decision) != RecordKind.END_OF_JOURNAL)
            {
                assertTrue(reader.records() > 0);
            }
            reader.requireCleanEnd();
        }
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
