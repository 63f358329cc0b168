package io.keel.research;

import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound market events of one journal (book, quotes, trades, bars, funding, timers, corporate actions), in
 * journal order and in memory, with the configuration journaled in its run header. Research reads a day many times
 * (the look-ahead audit replays prefixes of it), so it is loaded once.
 *
 * @param journal where it was read from.
 * @param config  the journaled configuration (or the override).
 * @param events  the events, copies.
 * @param bars    true when the market is bars (horizons count bars), false for ticks (horizons are time).
 */
public record MarketTape(Path journal, LoadedConfig config, List<Event> events, boolean bars)
{
    /**
     * Reads a journal.
     *
     * @param journal  journal directory.
     * @param override configuration to use instead of the journaled one, or null.
     * @param allowUnclosed accept a journal without an end-of-run marker.
     */
    public static MarketTape read(final Path journal, final LoadedConfig override, final boolean allowUnclosed)
    {
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord ignored = new DecisionRecord();
            final List<Event> events = new ArrayList<>();
            long barEvents = 0;
            long tickEvents = 0;
            byte kind;
            while ((kind = reader.next(event, ignored)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && isMarket(event.type))
                {
                    events.add(new Event().copyFrom(event));
                    if (event.type == EventType.BAR)
                    {
                        barEvents++;
                    }
                    else if (event.type == EventType.QUOTE || event.type == EventType.BOOK_LEVEL)
                    {
                        tickEvents++;
                    }
                }
            }
            if (!allowUnclosed)
            {
                reader.requireCleanEnd();
            }
            if (reader.header() == null)
            {
                throw new IllegalArgumentException("journal " + journal + " has no run header");
            }
            final LoadedConfig config = override != null ? override :
                ConfigLoader.fromText(reader.header().configText(), "run header of journal " + journal);
            return new MarketTape(journal, config, List.copyOf(events), barEvents > tickEvents);
        }
    }

    /** @return true for the events research feeds to the feature engine. */
    public static boolean isMarket(final EventType type)
    {
        return switch (type)
        {
            case BOOK_LEVEL, QUOTE, TRADE, BAR, FUNDING_RATE, TIMER, CORPORATE_ACTION -> true;
            default -> false;
        };
    }
}
