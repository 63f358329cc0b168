package io.keel.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The journals a backtest reads: a journal directory itself, or the journals directly inside a directory (what
 * {@code import} writes: {@code yyyyMMdd/} per day, {@code history-yyyyMMdd/} for bars), in name order, which is
 * time order. A day journal whose name is outside the days asked for is not opened.
 */
public final class JournalSet
{
    private JournalSet()
    {
    }

    public static List<Path> resolve(final Path dir, final DayRange days, final String option)
    {
        if (!Files.isDirectory(dir))
        {
            throw new IllegalArgumentException(option + " " + dir + " is not a directory");
        }
        if (isJournal(dir))
        {
            return List.of(dir);
        }
        final List<Path> journals = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir))
        {
            for (final Path child : children.sorted().toList())
            {
                if (Files.isDirectory(child) && isJournal(child) && inRange(child.getFileName().toString(), days))
                {
                    journals.add(child);
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (journals.isEmpty())
        {
            throw new IllegalArgumentException(option + " " + dir + " holds no journal" + (days.first() ==
                Long.MIN_VALUE && days.last() == Long.MAX_VALUE ? "" : " for the days " + days) + " (a journal is a " +
                "directory of .cq4 files; import writes one per day)");
        }
        return journals;
    }

    private static boolean isJournal(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A day journal ({@code yyyyMMdd}) is read only when its day is in range; any other name always is. */
    private static boolean inRange(final String name, final DayRange days)
    {
        if (name.length() != 8 || !name.chars().allMatch(Character::isDigit))
        {
            return true;
        }
        try
        {
            return days.contains(LocalDate.parse(name, DateTimeFormatter.BASIC_ISO_DATE).toEpochDay());
        }
        catch (final java.time.format.DateTimeParseException e)
        {
            return true;
        }
    }
}
