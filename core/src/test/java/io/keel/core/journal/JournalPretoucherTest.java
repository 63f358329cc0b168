package io.keel.core.journal;

import io.keel.core.Side;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pretoucher works the journal's pages ahead of the writer on its own thread and changes no byte: a journal
 * written with it reads back record for record, checksums intact, as one written without it.
 */
class JournalPretoucherTest
{
    private static final int EVENTS = 400_000; // about 30 MB: several windows of touched pages

    @Test
    void shouldTouchPagesAheadOfTheWriterWithoutChangingARecord(@TempDir final Path dir)
    {
        final Path journal = dir.resolve("touched");
        long touched;
        try (JournalWriter writer = JournalWriter.open(journal, JournalTestSupport.START_NS,
            JournalTestSupport.header()).pretouching())
        {
            final Event event = new Event();
            for (int i = 0; i < EVENTS; i++)
            {
                event.trade(JournalTestSupport.START_NS + i * 1_000L, i % 3, Side.BUY, 100_00 + i, 5 + i).sequence =
                    i + 1;
                writer.append(event);
                if (i == EVENTS / 2)
                {
                    Await.await(() -> writer.pretouchedPages() > 0, Duration.ofSeconds(10),
                        "the pretoucher touched no page while the writer wrote");
                }
            }
            touched = writer.pretouchedPages();
        }
        assertTrue(touched * 4096 >= JournalPretoucher.AHEAD, "it kept ahead of the writer: " + touched + " pages");

        final Event read = new Event();
        final DecisionRecord ignored = new DecisionRecord();
        int events = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            byte kind;
            while ((kind = reader.next(read, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT)
                {
                    assertEquals(events + 1, read.sequence);
                    assertEquals(100_00 + events, read.price);
                    assertEquals(5 + events, read.quantity);
                    assertEquals(events % 3, read.instrumentId);
                    events++;
                }
            }
            reader.requireCleanEnd();
        }
        assertEquals(EVENTS, events, "every record read back, checksums checked by the reader");
    }
}
