package io.keel.monitoring.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.app.daemon.Daemon;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards against real parts: Debian's Prometheus scrapes a running daemon on loopback (with the alert rules
 * loaded), then every panel query of every dashboard must parse and return data and every {@code label_values}
 * variable must resolve. Grafana is not installable here, so the dashboards' JSON is checked for structure and
 * datasource uid instead.
 */
class DashboardsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String UID = "keel-prometheus";
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private JsonNode get(final String url) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private JsonNode query(final String prometheus, final String promql) throws IOException, InterruptedException
    {
        return get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private void await(final String prometheus, final String promql, final int seconds) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline)
        {
            try
            {
                if (query(prometheus, promql).path("data").path("result").size() > 0)
                {
                    return;
                }
            }
            catch (final IOException starting)
            {
                // Prometheus not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new AssertionError("no data for " + promql + " within " + seconds + " s");
    }

    private static List<JsonNode> dashboards() throws IOException
    {
        final List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("grafana/dashboards")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList())
            {
                out.add(JSON.readTree(file.toFile()));
            }
        }
        return out;
    }

    @Test
    void shouldHaveFiveDashboardsOnTheFixedDatasourceWithModeAndSymbolVariables() throws IOException
    {
        final List<JsonNode> boards = dashboards();
        assertEquals(List.of("keel-execution", "keel-models", "keel-risk", "keel-system", "keel-trading"),
            boards.stream().map(b -> b.path("uid").asText()).sorted().toList());
        final String provisioned = Files.readString(REPO.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertTrue(provisioned.contains("uid: " + UID), provisioned);
        for (final JsonNode board : boards)
        {
            assertTrue(board.path("title").asText().startsWith("keel: "), board.path("title").asText());
            final List<String> variables = new ArrayList<>();
            board.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
            assertEquals(List.of("mode", "symbol"), variables, board.path("uid").asText());
            assertTrue(board.path("panels").size() >= 5, board.path("uid") + " has its panels");
            for (final JsonNode panel : board.path("panels"))
            {
                assertEquals(UID, panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertTrue(panel.path("targets").size() > 0, panel.path("title").asText());
                panel.path("targets").forEach(t -> assertEquals(UID, t.path("datasource").path("uid").asText()));
                assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"));
            }
        }
    }

    @Test
    void shouldReturnDataForEveryPanelFromAPrometheusScrapingTheDaemon(@TempDir final Path dir) throws Exception
    {
        final Path prometheusBinary = ExternalTool.require("prometheus", "prometheus");
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        final Daemon daemon = new Daemon(loaded, dir.resolve("journal"), Long.MAX_VALUE, true, "test")
            .stateDirectory(dir.resolve("state"));
        final DaemonHttp daemonHttp = DaemonHttp.start("127.0.0.1", 0, daemon, "test",
            "dashboards-test-token-0123456789");
        final Thread runner = new Thread(daemon::run, "daemon");
        runner.start();
        final int port = freePort();
        final Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - " +
            REPO.resolve("prometheus/rules.yml") + "\nscrape_configs:\n  - job_name: keel\n    static_configs:\n" +
            "      - targets: [\"127.0.0.1:" + daemonHttp.server().port() + "\"]\n");
        final Process prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        final String base = "http://127.0.0.1:" + port;
        try
        {
            await(base, "up{job=\"keel\"} == 1", 60);
            await(base, "count_over_time(keel_equity_usd[1m]) >= 8", 60); // enough samples for every rate()
            final JsonNode rules = get(base + "/api/v1/rules");
            assertEquals(9, rules.path("data").path("groups").get(0).path("rules").size(), "rules.yml loaded");

            final List<String> failures = new ArrayList<>();
            int checked = 0;
            for (final JsonNode board : dashboards())
            {
                for (final JsonNode variable : board.path("templating").path("list"))
                {
                    final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "label_values\\((.+), (\\w+)\\)").matcher(variable.path("definition").asText());
                    assertTrue(m.matches(), variable.toString());
                    final JsonNode values = get(base + "/api/v1/label/" + m.group(2) + "/values?match[]=" +
                        URLEncoder.encode(m.group(1).replace("$mode", "crypto_scalp"), StandardCharsets.UTF_8));
                    if (values.path("data").size() == 0)
                    {
                        failures.add(board.path("uid").asText() + " variable " + variable.path("name").asText());
                    }
                }
                for (final JsonNode panel : board.path("panels"))
                {
                    for (final JsonNode target : panel.path("targets"))
                    {
                        final String expr = target.path("expr").asText().replace("$mode", "crypto_scalp")
                            .replace("$symbol", "BTCUSDT|ETHUSDT").replace("$__rate_interval", "30s")
                            .replace("$__range", "5m");
                        final JsonNode answer = query(base, expr);
                        checked++;
                        if (!"success".equals(answer.path("status").asText()) ||
                            answer.path("data").path("result").size() == 0)
                        {
                            failures.add(board.path("uid").asText() + " / " + panel.path("title").asText() + ": " +
                                expr + " -> " + answer);
                        }
                    }
                }
            }
            assertEquals(List.of(), failures, "every panel returns data");
            assertTrue(checked >= 50, "queries checked: " + checked);
        }
        finally
        {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
            daemon.requestStop();
            runner.join(30_000);
            daemonHttp.close();
        }
    }
}
