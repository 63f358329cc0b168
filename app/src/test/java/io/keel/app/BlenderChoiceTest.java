package io.keel.app;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each blender, chosen in the mode profile, runs in the paper daemon and replays exactly under verify. */
class BlenderChoiceTest
{
    @ParameterizedTest
    @ValueSource(strings = {"hit-rate", "logistic"})
    void shouldPaperTradeAndVerifyWithTheChosenBlender(final String blender, @TempDir final Path dir)
        throws IOException
    {
        final Path config = ReplayAndVerifyTest.copyConfig(dir);
        final Path mode = config.resolve("modes/crypto_scalp.yaml");
        Files.writeString(mode, Files.readString(mode) + "ensemble:\n  blender: " + blender + "\n  horizonMs: 2000\n");
        final Path journal = dir.resolve("journal");
        final CliRunner.Result run = CliRunner.keel("run", "--mode", "crypto_scalp", "--duration", "20m", "--fast",
            "--config-dir", config.toString(), "--journal-dir", journal.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.all());
        assertTrue(run.out().contains("events="), run.all());
        final CliRunner.Result decisions = CliRunner.keel("dump", "--journal", journal.toString(), "--type",
            "DECISION", "--limit", "1");
        assertTrue(decisions.out().isEmpty() || decisions.out().contains("w="), decisions.all());
        final CliRunner.Result verify = CliRunner.keel("verify", "--journal", journal.toString());
        assertEquals(ExitCode.OK, verify.exitCode(), verify.all());
    }
}
