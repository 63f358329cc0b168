package io.keel.app.backtest;

import io.keel.backtest.DayRange;
import io.keel.backtest.JournalSet;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options naming journaled days and the configuration to replay them with: {@code backtest} and sweeps. */
final class JournaledDays
{
    @Option(names = {"--data", "--journal"}, paramLabel = "DIR", description = "A journal, or a directory of " +
        "journals (what import writes: one per day).")
    Path data;

    @Option(names = "--days", defaultValue = "all", paramLabel = "RANGE", description = "The days replayed (the " +
        "book's exchange days: New York for NYSE books, else UTC): all, 2024-08-08, 2024-08-01..2024-08-31 (either " +
        "end optional; 20240801 also works). Default: ${DEFAULT-VALUE}.")
    String days;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "base.yaml and modes/ (default: " +
        "$KEEL_HOME/config, else built in).")
    Path configDir;

    @Option(names = "--allow-unclosed", description = "Accept journals without an end-of-run marker.")
    boolean allowUnclosed;

    DayRange range()
    {
        return DayRange.parse(days);
    }

    LoadedConfig load(final String mode)
    {
        return ConfigLoader.load(io.keel.app.Main.configSource(configDir), mode);
    }

    List<Path> journals()
    {
        return JournalSet.resolve(data, range(), "--data");
    }
}
