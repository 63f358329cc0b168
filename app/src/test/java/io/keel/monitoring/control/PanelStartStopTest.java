package io.keel.monitoring.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code keel run} under the panel's control: stop keeps the process (and the panel) up, a start with another mode
 * and a choice of its instruments runs again on a new journal, quit ends the process; every step is audited and a
 * start is refused while running, for an unknown mode, for an instrument not in the mode, and without the token.
 */
class PanelStartStopTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    private int post(final String url, final String token, final String body) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode awaitState(final String base, final Predicate<JsonNode> condition) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline)
        {
            try
            {
                last = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
                if (condition.test(last))
                {
                    return last;
                }
            }
            catch (final java.io.IOException notYet)
            {
                // the server is not up yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new AssertionError("state never matched; last: " + last);
    }

    @Test
    void shouldStopStartAnotherModeWithChosenInstrumentsAndQuit(@TempDir final Path dir) throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final String base = "http://127.0.0.1:" + port;
        final Path state = dir.resolve("state");
        token = "not-read-yet-0000000000000000";
        final AtomicReference<CliRunner.Result> result = new AtomicReference<>();
        final Thread cli = new Thread(() -> result.set(CliRunner.keel("run", "--mode", "crypto_scalp", "--http-port",
            Integer.toString(port), "--journal-dir", dir.resolve("j").toString(), "--state-dir", state.toString())));
        cli.start();
        try
        {
            awaitState(base, s -> s.path("running").asBoolean() && s.path("mode").asText().equals("crypto_scalp"));
            token = Files.readString(state.resolve("control.token")).trim(); // written owner-only at start
            final JsonNode modes = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/modes"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(4, modes.size(), modes.toString());
            final String start = "{\"reason\":\"switch\",\"mode\":\"crypto_scalp\",\"symbols\":[\"ETHUSDT\"]}";
            assertEquals(409, post(base + "/api/start", token, start), "no start while running");

            assertEquals(401, post(base + "/api/stop", null, "{\"reason\":\"x\"}"), "stop needs the token");
            assertEquals(202, post(base + "/api/stop", token, "{\"reason\":\"lunch\"}"));
            awaitState(base, s -> !s.path("running").asBoolean() && s.path("waiting").asBoolean());
            assertEquals(409, post(base + "/api/start", token, "{\"reason\":\"x\",\"mode\":\"nope\",\"symbols\":" +
                "[\"BTCUSDT\"]}"), "an unknown mode");
            assertEquals(409, post(base + "/api/start", token, "{\"reason\":\"x\",\"mode\":\"crypto_swing\"," +
                "\"symbols\":[\"ETHUSDT\"]}"), "an instrument the mode does not trade");
            assertEquals(401, post(base + "/api/start", null, start), "start needs the token");
            assertEquals(202, post(base + "/api/start", token, start));
            final JsonNode second = awaitState(base, s -> s.path("running").asBoolean() &&
                s.path("instruments").size() == 1);
            assertEquals("ETHUSDT", second.path("instruments").get(0).path("symbol").asText(), second.toString());
            assertTrue(Files.isDirectory(dir.resolve("j-run2")), "the second run journals on its own");

            // the runs list links a run's report (issue 7 writes report.html beside the journals)
            Files.createDirectories(dir.resolve("backtest-1"));
            Files.writeString(dir.resolve("backtest-1/report.html"), "<html><body>equity curve</body></html>");
            final String runs = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(runs.contains("{\"name\":\"backtest-1\"") && runs.contains("\"report\":true"), runs);
            final HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(base +
                "/api/report?run=backtest-1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode());
            assertTrue(report.body().contains("equity curve"));
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/report?run=..%2Fstate"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "only a listed run's report");

            assertEquals(202, post(base + "/api/quit", token, "{\"reason\":\"end of day\"}"));
            cli.join(60_000);
        }
        finally
        {
            if (cli.isAlive())
            {
                post(base + "/api/quit", token, "{\"reason\":\"test cleanup\"}");
                cli.join(60_000);
            }
        }
        assertEquals(ExitCode.OK, result.get().exitCode(), result.get().all());
        assertEquals(2, result.get().out().split("summary: mode=crypto_scalp", -1).length - 1, result.get().out());
        final String audit = Files.readString(state.resolve("audit.log"));
        for (final String entry : new String[] {"requested STOP\",\"reason\":\"http: lunch\"",
            "requested START crypto_scalp [ETHUSDT]\",\"reason\":\"http: switch\"",
            "requested QUIT\",\"reason\":\"http: end of day\""})
        {
            assertTrue(audit.contains(entry), entry + " in " + audit);
        }
    }
}
