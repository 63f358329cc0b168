package io.keel.ingest.lobster;

import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LobsterBookTest
{
    @Test
    void shouldReproduceEveryRowOfTheLobsterBookFile() throws IOException
    {
        final Path dir = SharedData.require("lobster-aapl-2012-06-21");
        final List<String> messages = Files.readAllLines(dir.resolve("AAPL_2012-06-21_34200000_57600000_message_10.csv"));
        final List<String> rows = Files.readAllLines(dir.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_10.csv"));
        assertEquals(messages.size(), rows.size());
        final LobsterBook book = new LobsterBook(10);
        book.initialise(parse(rows.get(0)));
        int equal = 0;
        for (int i = 1; i < messages.size(); i++)
        {
            book.apply(LobsterMessage.parse(messages.get(i)));
            final long[] vendor = parse(rows.get(i));
            final String difference = book.reconcile(vendor);
            assertEquals(null, difference, "row " + (i + 1) + " after message " + messages.get(i));
            assertArrayEquals(vendor, book.toRow(10), "row " + (i + 1));
            equal++;
        }
        assertEquals(messages.size() - 1, equal);
        assertTrue(book.preWindowReferences() > 0, "the sample refers to orders from before the window");
        assertEquals(0, book.negativeLevels());
        System.out.println("levels adopted from the vendor rows: " + book.adoptedLevels() +
            ", pre-window references: " + book.preWindowReferences());
        assertTrue(book.adoptedLevels() < 400, "uncovered levels adopted: " + book.adoptedLevels());
    }

    private static long[] parse(final String row)
    {
        return Arrays.stream(row.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
