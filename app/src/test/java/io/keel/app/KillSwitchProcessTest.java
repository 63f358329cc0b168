package io.keel.app;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill switch on real processes: engaged by the CLI, it cancels and blocks; it survives {@code kill -9} and a
 * restart (the new run engages it before anything trades); only an operator reset clears it; every step audited.
 */
class KillSwitchProcessTest
{
    private static final SpawnedDaemons SPAWNED = new SpawnedDaemons();

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws InterruptedException
    {
        SPAWNED.killAll();
    }

    private static Process start(final Path state, final Path journal, final String... extra) throws IOException
    {
        return start(Map.of(), state, journal, extra);
    }

    private static Process start(final Map<String, String> environment, final Path state, final Path journal,
        final String... extra) throws IOException
    {
        final List<String> command = new ArrayList<>(SpawnedDaemons.keelCommand("run", "--mode",
            "crypto_swing", "--fast", "--journal-dir", journal.toString(), "--state-dir", state.toString()));
        command.addAll(List.of(extra));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return SPAWNED.track(builder.start());
    }

    private static String awaitAudit(final Path state, final String text, final int seconds) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final Path audit = state.resolve("audit.log");
        while (true)
        {
            final String log = Files.exists(audit) ? Files.readString(audit) : "";
            if (log.contains(text))
            {
                return log;
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no '" + text + "' in the audit log after " + seconds + " s:\n" + log);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static String drain(final Process process) throws IOException
    {
        final StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                output.append(line).append('\n');
            }
        }
        return output.toString();
    }

    @Test
    void shouldStayEngagedAfterKillNineAndRestartUntilAnOperatorResetsIt(@TempDir final Path dir) throws Exception
    {
        final Path state = dir.resolve("state");
        final Process first = start(state, dir.resolve("j1"));
        SignalStopTest.awaitOrderIntents(dir.resolve("j1"), 3, 60);
        final CliRunner.Result kill = CliRunner.keel("kill", "--state-dir", state.toString(), "--reason",
            "test: desk halt");
        assertEquals(ExitCode.OK, kill.exitCode(), kill.all());
        String audit = awaitAudit(state, "KILL_SWITCH engaged", 30);
        assertTrue(audit.contains("\"who\":\"operator:file\",\"what\":\"requested KILL\",\"reason\":\"cli: test: " +
            "desk halt\""), audit);
        assertTrue(Files.exists(state.resolve("kill-switch.latched")), "latched on disk");
        assertTrue(first.toHandle().destroyForcibly(), "kill -9");
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        drain(first);

        // restart on the same state: engaged before the first market event, nothing new is sent
        final Process second = start(state, dir.resolve("j2"), "--duration", "20m");
        final String output = drain(second);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, second.exitValue(), output);
        audit = awaitAudit(state, "\"who\":\"restart\"", 5);
        int intents = 0;
        int decided = 0;
        boolean killFirst = false;
        boolean seenMarket = false;
        try (JournalReader reader = JournalReader.open(dir.resolve("j2")))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type == EventType.OPERATOR_COMMAND && !seenMarket)
                {
                    killFirst |= event.command == OperatorCommand.KILL;
                }
                if (kind == RecordKind.EVENT && (event.type == EventType.QUOTE || event.type == EventType.BOOK_LEVEL ||
                    event.type == EventType.TRADE))
                {
                    seenMarket = true;
                }
                if (kind == RecordKind.EVENT && event.type == EventType.ORDER_INTENT)
                {
                    intents++;
                }
                if (kind == RecordKind.DECISION)
                {
                    decided++;
                }
            }
        }
        assertTrue(killFirst, "the latched KILL is journaled before any market event");
        assertEquals(0, intents, "no order left the restarted daemon");
        assertEquals(0, decided, "a kill halts the strategy: not even a decision (the first run traded): " + output);
        assertTrue(Files.exists(state.resolve("kill-switch.latched")), "still latched after the second run");

        // a reset written while no daemon runs is not acted on later
        CliRunner.keel("kill", "--reset", "--state-dir", state.toString(), "--reason", "stale");
        final Process third = start(state, dir.resolve("j3"));
        awaitAudit(state, "discarded RESET trigger", 30);
        assertTrue(Files.exists(state.resolve("kill-switch.latched")));
        // the operator resets the running daemon: it trades again
        assertEquals(ExitCode.OK, CliRunner.keel("kill", "--reset", "--state-dir", state.toString(), "--reason",
            "test: all clear").exitCode());
        awaitAudit(state, "KILL_SWITCH cleared", 30);
        SignalStopTest.awaitOrderIntents(dir.resolve("j3"), 1, 60);
        assertTrue(third.toHandle().destroy());
        drain(third);
        assertTrue(third.waitFor(30, TimeUnit.SECONDS));
        assertTrue(!Files.exists(state.resolve("kill-switch.latched")), "the reset removed the latch");
    }

    @Test
    void shouldEngageOnSigusr2(@TempDir final Path dir) throws Exception
    {
        final Path state = dir.resolve("state");
        final Process daemon = start(state, dir.resolve("j"));
        SignalStopTest.awaitOrderIntents(dir.resolve("j"), 1, 60);
        final Process signal = new ProcessBuilder("kill", "-USR2", Long.toString(daemon.pid())).start();
        assertTrue(signal.waitFor(10, TimeUnit.SECONDS) && signal.exitValue() == 0, "kill -USR2 sent");
        final String audit = awaitAudit(state, "KILL_SWITCH engaged", 30);
        assertTrue(audit.contains("\"who\":\"operator:signal\",\"what\":\"requested KILL\""), audit);
        assertTrue(daemon.isAlive(), "the signal halts trading, it does not stop the daemon");
        assertTrue(daemon.toHandle().destroy());
        drain(daemon);
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
    }

    private static java.net.http.HttpResponse<String> post(final String url, final String token, final String origin,
        final String body) throws Exception
    {
        final java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null)
        {
            request.header("Origin", origin);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldEngageAndResetOverHttpOnlyWithTheTokenFromThisOrigin(@TempDir final Path dir) throws Exception
    {
        final Path state = dir.resolve("state");
        final String token = "test-control-token-0123456789";
        final Process daemon = start(Map.of("KEEL_CONTROL_TOKEN", token), state, dir.resolve("j"), "--http-port",
            "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            final java.util.regex.Pattern printed = java.util.regex.Pattern.compile("panel and metrics: " +
                "(http://127\\.0\\.0\\.1:\\d+)");
            final StringBuilder lines = new StringBuilder();
            String found = null;
            for (int i = 0; i < 5 && found == null; i++)
            {
                final String line = out.readLine();
                lines.append(line).append('\n');
                final java.util.regex.Matcher m = printed.matcher(line == null ? "" : line);
                found = m.find() ? m.group(1) : null;
            }
            assertTrue(found != null, "the control URL is printed: " + lines);
            final String base = found;
            SignalStopTest.awaitOrderIntents(dir.resolve("j"), 1, 60);

            assertEquals(401, post(base + "/api/kill", null, null, "{\"reason\":\"x\"}").statusCode(), "no token");
            assertEquals(401, post(base + "/api/kill", "wrong-token-000000000000", null,
                "{\"reason\":\"x\"}").statusCode());
            assertEquals(403, post(base + "/api/kill", token, "http://evil.example", "{\"reason\":\"x\"}")
                .statusCode(), "a page from another origin cannot drive it");
            assertEquals(400, post(base + "/api/kill", token, null, "{}").statusCode(), "a reason is required");
            assertTrue(!Files.exists(state.resolve("audit.log")) ||
                !Files.readString(state.resolve("audit.log")).contains("KILL"), "refused requests change nothing");

            assertEquals(202, post(base + "/api/kill", token, base, "{\"reason\":\"desk halt\"}").statusCode());
            final String audit = awaitAudit(state, "KILL_SWITCH engaged", 30);
            assertTrue(audit.contains("\"who\":\"operator:http\",\"what\":\"requested KILL\",\"reason\":" +
                "\"http: desk halt\""), audit);
            final java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"killSwitch\":true"), health.body());

            assertEquals(202, post(base + "/api/reset", token, null, "{\"reason\":\"all clear\"}").statusCode());
            awaitAudit(state, "KILL_SWITCH cleared", 30);
            assertTrue(daemon.toHandle().destroy());
            String line;
            while ((line = out.readLine()) != null)
            {
                assertTrue(!line.contains(token), "the token is never printed");
            }
        }
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
    }
}
