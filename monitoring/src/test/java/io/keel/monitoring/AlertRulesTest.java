package io.keel.monitoring;

import io.keel.testing.ExternalTool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code prometheus/rules.yml} checked and unit-tested by Prometheus's own {@code promtool}: every alert has a firing
 * and a quiet case in {@code prometheus/rules_test.yml}.
 */
class AlertRulesTest
{
    private static final Path DIR = Path.of("..", "prometheus").toAbsolutePath().normalize();

    private static String run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void shouldPassPromtoolsCheckAndEveryAlertsUnitTests() throws Exception
    {
        final String promtool = ExternalTool.require("promtool", "prometheus").toString();
        assertTrue(run(promtool, "check", "rules", "rules.yml").contains("SUCCESS: 9 rules found"));
        assertTrue(run(promtool, "test", "rules", "rules_test.yml").contains("SUCCESS"));
        final String tests = java.nio.file.Files.readString(DIR.resolve("rules_test.yml"));
        for (final String alert : List.of("KeelDaemonDown", "KeelStaleFeed", "KeelDrawdownBreach", "KeelVarBreach",
            "KeelKillSwitchEngaged", "KeelExcessiveModelSwitching", "KeelHighRejectRatio", "KeelDecisionLatencyHigh",
            "KeelJournalDiskLow"))
        {
            assertTrue(tests.contains("alertname: " + alert), alert + " has a unit test");
        }
    }
}
