package io.keel.app;

import io.keel.engine.Replayer;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Options shared by replay and verify. */
abstract class JournalCommand
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory to read.")
    Path journal;

    @Option(names = "--mode", description = "Use this mode's configuration from the config directory instead " +
        "of the configuration journaled in the run header.")
    String mode;

    @Option(names = "--config-dir", paramLabel = "DIR",
        description = "Use base.yaml and modes/ from DIR instead of the journaled configuration (with --mode, " +
            "or the journaled mode).")
    Path configDir;

    @Option(names = "--allow-unclosed", description = "Accept a journal that has no end-of-run marker (the " +
        "daemon was killed); without it such a journal is an error.")
    boolean allowUnclosed;

    Replayer replayer()
    {
        return replayer(false);
    }

    Replayer replayer(final boolean allModels)
    {
        LoadedConfig override = null;
        if (mode != null || configDir != null)
        {
            override = ConfigLoader.load(Main.configSource(configDir), mode != null ? mode :
                Main.journaledMode(journal));
        }
        return new Replayer(journal, override, allowUnclosed, VersionProvider.version(),
            allModels ? ConfigLoader::withAllModels : UnaryOperator.identity());
    }
}
