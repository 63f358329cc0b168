package io.keel.monitoring.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.keel.core.InstrumentSpec;
import io.keel.core.event.OperatorCommand;
import io.keel.monitoring.MonitoringServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The control panel's API on the daemon's HTTP server.
 *
 * <p>Reads (no token; the server listens on loopback): {@code GET /api/state} (the panel's snapshot),
 * {@code GET /api/stream} (the same as server-sent events, once a second), {@code GET /api/decision?id=N} (an order's
 * decision record), {@code GET /api/runs} (journaled runs in the journal directory, with their report when one exists),
 * {@code GET /api/modes} (what the panel may start).
 *
 * <p>Controls ({@code POST}, JSON body with a {@code reason}): {@code /api/kill}, {@code /api/flatten},
 * {@code /api/reset}, {@code /api/cancel-all}, {@code /api/stop-entries}, {@code /api/resume-entries},
 * {@code /api/cancel} ({@code "id"}), {@code /api/close} ({@code "symbol"}), {@code /api/stop} (the process stays up
 * and the panel can start a mode again), {@code /api/start} ({@code "mode"}, {@code "symbols"}; only while stopped),
 * {@code /api/quit} (stop and end the process). Every one needs
 * {@code Authorization: Bearer <token>} (compared in constant time) and, when the browser sends one, an {@code Origin}
 * of this server; each accepted request is written to the audit log with who, when and what before it acts.
 */
public final class ControlApi
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAMS = 4;

    private final DaemonHttp http;
    private final byte[] token;
    private final String origin;
    private final Semaphore streams = new Semaphore(STREAMS);
    private volatile boolean closed;

    /** A control action: what to do with the request's body; false when the daemon could not take it. */
    @FunctionalInterface
    private interface Action
    {
        boolean act(JsonNode body, String reason);
    }

    private ControlApi(final String origin, final DaemonHttp http, final String token)
    {
        this.http = http;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.origin = origin;
    }

    /**
     * Adds the panel's routes to the daemon's server.
     *
     * @param token the bearer token state-changing requests must carry (at least 16 characters).
     */
    static ControlApi install(final MonitoringServer server, final DaemonHttp http, final String token)
    {
        if (token == null || token.length() < 16)
        {
            throw new IllegalArgumentException("the control token must be at least 16 characters");
        }
        final ControlApi api = new ControlApi(server.url(), http, token);
        api.command(server, "/api/kill", OperatorCommand.KILL);
        api.command(server, "/api/flatten", OperatorCommand.FLATTEN_ALL);
        api.command(server, "/api/reset", OperatorCommand.RESET_KILL);
        api.command(server, "/api/cancel-all", OperatorCommand.CANCEL_ALL);
        api.command(server, "/api/stop-entries", OperatorCommand.STOP_ENTRIES);
        api.command(server, "/api/resume-entries", OperatorCommand.RESUME_ENTRIES);
        server.route("/api/cancel", ex -> api.control(ex, "cancel", (body, reason) ->
        {
            final long id = body.path("id").asLong(0);
            return id > 0 && http.daemon().command(OperatorCommand.CANCEL_ORDER, -1, id, "operator:http", "http: " +
                reason);
        }));
        server.route("/api/close", ex -> api.control(ex, "close", (body, reason) ->
        {
            final int id = api.instrument(body.path("symbol").asText(""));
            return id >= 0 && http.daemon().command(OperatorCommand.CLOSE_POSITION, id, 0, "operator:http",
                "http: " + reason);
        }));
        server.route("/api/stop", ex -> api.control(ex, "stop", (body, reason) ->
        {
            if (!http.daemon().running())
            {
                return false;
            }
            http.daemon().audit("operator:http", "requested STOP", "http: " + reason);
            http.stopByOperator();
            return true;
        }));
        server.route("/api/quit", ex -> api.control(ex, "quit", (body, reason) ->
        {
            http.daemon().audit("operator:http", "requested QUIT", "http: " + reason);
            http.quit();
            return true;
        }));
        server.route("/api/start", ex -> api.control(ex, "start", (body, reason) -> api.start(body, reason)));
        server.route("/api/state", ex -> api.read(ex, () -> http.panel().json()));
        server.route("/api/decision", api::decision);
        server.route("/api/runs", ex -> api.read(ex, api::runsJson));
        server.route("/api/modes", ex -> api.read(ex, api::modesJson));
        server.route("/api/report", api::report);
        server.route("/api/stream", api::stream);
        return api;
    }

    /** A start from the panel: a known mode and a choice of its instruments, only while stopped. */
    private boolean start(final JsonNode body, final String reason)
    {
        final String mode = body.path("mode").asText("");
        final java.util.List<String> symbols = new java.util.ArrayList<>();
        body.path("symbols").forEach(s -> symbols.add(s.asText()));
        for (final DaemonHttp.ModeChoice choice : http.modes())
        {
            if (choice.mode().equals(mode) && !symbols.isEmpty() && choice.symbols().containsAll(symbols))
            {
                final boolean taken = http.offer(new DaemonHttp.Start(mode, symbols, reason));
                if (taken)
                {
                    http.daemon().audit("operator:http", "requested START " + mode + " " + symbols, "http: " +
                        reason);
                }
                return taken;
            }
        }
        return false;
    }

    private String modesJson()
    {
        final com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
        for (final DaemonHttp.ModeChoice choice : http.modes())
        {
            final com.fasterxml.jackson.databind.node.ObjectNode mode = list.addObject().put("mode", choice.mode());
            choice.symbols().forEach(mode.putArray("symbols")::add);
        }
        return list.toString();
    }

    private void command(final MonitoringServer server, final String path, final OperatorCommand command)
    {
        server.route(path, ex -> control(ex, command.name(), (body, reason) -> http.daemon().command(command,
            "operator:http", "http: " + reason)));
    }

    private int instrument(final String symbol)
    {
        for (final InstrumentSpec spec : http.daemon().config().instruments())
        {
            if (spec.symbol().equalsIgnoreCase(symbol))
            {
                return spec.id();
            }
        }
        return -1;
    }

    private static void send(final HttpExchange ex, final int status, final String json) throws IOException
    {
        MonitoringServer.send(ex, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return true for a request from this server's own page (or one that sends no Origin: curl, scripts). */
    private boolean sameOrigin(final HttpExchange ex)
    {
        final String requestOrigin = ex.getRequestHeaders().getFirst("Origin");
        return requestOrigin == null || requestOrigin.equals(origin) ||
            requestOrigin.equals(origin.replace("://127.0.0.1:", "://localhost:"));
    }

    private boolean authorised(final HttpExchange ex)
    {
        final String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer "))
        {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void read(final HttpExchange ex, final java.util.function.Supplier<String> body) throws IOException
    {
        if (!"GET".equals(ex.getRequestMethod()))
        {
            send(ex, 405, "{\"error\":\"GET only\"}");
            return;
        }
        send(ex, 200, body.get());
    }

    private void control(final HttpExchange ex, final String what, final Action action) throws IOException
    {
        if (!"POST".equals(ex.getRequestMethod()))
        {
            send(ex, 405, "{\"error\":\"POST only\"}");
            return;
        }
        if (!sameOrigin(ex))
        {
            LOG.warn("control request from origin {} refused", ex.getRequestHeaders().getFirst("Origin"));
            send(ex, 403, "{\"error\":\"cross-origin request refused\"}");
            return;
        }
        if (!authorised(ex))
        {
            LOG.warn("control request without a valid token refused ({} {})", ex.getRequestMethod(),
                ex.getRequestURI().getPath());
            send(ex, 401, "{\"error\":\"a valid bearer token is required\"}");
            return;
        }
        final JsonNode body;
        try
        {
            body = JSON.readTree(ex.getRequestBody());
        }
        catch (final IOException bad)
        {
            send(ex, 400, "{\"error\":\"body must be JSON: {\\\"reason\\\": \\\"...\\\"}\"}");
            return;
        }
        final String reason = body == null ? "" : body.path("reason").asText("");
        if (reason.isBlank())
        {
            send(ex, 400, "{\"error\":\"say why: {\\\"reason\\\": \\\"...\\\"}\"}");
            return;
        }
        final boolean accepted = action.act(body, reason);
        send(ex, accepted ? 202 : 409, accepted ? "{\"accepted\":\"" + what + "\"}" :
            "{\"error\":\"not taken: the daemon is not running, or no such order or instrument\"}");
    }

    private void decision(final HttpExchange ex) throws IOException
    {
        final String query = ex.getRequestURI().getQuery();
        long id = -1;
        if (query != null && query.startsWith("id="))
        {
            try
            {
                id = Long.parseLong(query.substring(3));
            }
            catch (final NumberFormatException bad)
            {
                id = -1;
            }
        }
        final String found = id > 0 ? http.panel().decision(id) : null;
        if (found == null)
        {
            send(ex, 404, "{\"error\":\"no recent decision record for that order id\"}");
            return;
        }
        send(ex, 200, found);
    }

    /** @return the directory the runs are listed from (the journal directory's parent), or null. */
    private Path runsDirectory()
    {
        final Path journal = http.daemon().journalDirectory();
        return journal == null ? null : journal.toAbsolutePath().getParent();
    }

    /** {@code GET /api/report?run=NAME}: a listed run's {@code report.html}, served as it is (self-contained). */
    private void report(final HttpExchange ex) throws IOException
    {
        final String query = ex.getRequestURI().getQuery();
        final String name = query != null && query.startsWith("run=") ? query.substring(4) : "";
        final Path runs = runsDirectory();
        final Path file = runs == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") ? null :
            runs.resolve(name).resolve("report.html");
        if (file == null || !Files.isRegularFile(file))
        {
            send(ex, 404, "{\"error\":\"no report for that run\"}");
            return;
        }
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self' 'unsafe-inline' data:");
        MonitoringServer.send(ex, 200, "text/html; charset=utf-8", Files.readAllBytes(file));
    }

    private String runsJson()
    {
        final com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
        final Path runs = runsDirectory();
        if (runs != null && Files.isDirectory(runs))
        {
            try (java.util.stream.Stream<Path> dirs = Files.list(runs))
            {
                dirs.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).limit(200).forEach(d ->
                    list.addObject().put("name", d.getFileName().toString()).put("path", d.toString())
                        .put("report", Files.exists(d.resolve("report.html"))));
            }
            catch (final IOException ex)
            {
                LOG.warn("cannot list runs in {}: {}", runs, ex.toString());
            }
        }
        return list.toString();
    }

    /** Server-sent events: the panel's state once a second until the page goes away. */
    private void stream(final HttpExchange ex) throws IOException
    {
        if (!streams.tryAcquire())
        {
            send(ex, 503, "{\"error\":\"too many open panels\"}");
            return;
        }
        try
        {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody())
            {
                while (!closed)
                {
                    out.write(("event: state\ndata: " + http.panel().json() + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        }
        catch (final IOException gone)
        {
            // the page closed the stream
        }
        finally
        {
            streams.release();
        }
    }

    /** Ends open event streams (the server is closing). */
    public void close()
    {
        closed = true;
    }
}
