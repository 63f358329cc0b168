package io.keel.app;

import io.keel.alpha.ModelArtifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: train a model through the CLI and enable it in a configuration directory. */
public final class TrainedModels
{
    private TrainedModels()
    {
    }

    /**
     * Runs {@code keel train --model gbt --out DIR <args>}.
     *
     * @return the artifact and the command's result.
     */
    public static CliRunner.Result train(final Path out, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("train", "--model", "gbt", "--out", out.toString()));
        all.addAll(Arrays.asList(args));
        final CliRunner.Result result = CliRunner.keel(all.toArray(new String[0]));
        assertEquals(ExitCode.OK, result.exitCode(), result.all());
        return result;
    }

    /** Writes the built-in configuration (base.yaml and the four modes) into {@code dir}. @return dir */
    public static Path builtInConfig(final Path dir) throws IOException
    {
        Files.createDirectories(dir.resolve("modes"));
        for (final String file : List.of("base.yaml", "modes/crypto_scalp.yaml", "modes/crypto_swing.yaml",
            "modes/stocks_intraday.yaml", "modes/stocks_swing.yaml"))
        {
            try (java.io.InputStream in = TrainedModels.class.getResourceAsStream("/keel-config/" + file))
            {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }

    /** Enables an artifact as the trained model of {@code mode} in a configuration directory, pinned by its hash. */
    public static void enable(final Path configDir, final String mode, final Path artifact) throws IOException
    {
        final Path file = configDir.resolve("modes").resolve(mode + ".yaml");
        final String section = "  trained:\n    enabled: true\n    artifact: " + artifact.toAbsolutePath() +
            "\n    sha256: \"" + ModelArtifact.sha256(Files.readAllBytes(artifact)) + "\"\n";
        final String text = Files.readString(file);
        Files.writeString(file, text.contains("\nalpha:\n") ? text.replace("\nalpha:\n", "\nalpha:\n" + section) :
            text + "\nalpha:\n" + section);
    }
}
