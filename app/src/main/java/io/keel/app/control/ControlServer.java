package io.keel.app.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keel.app.pipeline.PaperDaemon;
import io.keel.core.event.OperatorCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;

/**
 * The daemon's HTTP control endpoint, loopback by default: {@code GET /health}, and the operator's kill switch as
 * {@code POST /api/kill}, {@code /api/flatten} and {@code /api/reset} with a JSON body {@code {"reason": "..."}}.
 * Every state-changing request needs {@code Authorization: Bearer <token>} (compared in constant time) and, when the
 * browser sends one, an {@code Origin} of this server; each accepted request is written to the audit log as
 * {@code operator:http} before it is acted on. Issue 6 grows this into the control panel and {@code /metrics}.
 */
public final class ControlServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PaperDaemon daemon;
    private final byte[] token;
    private final String origin;

    private ControlServer(final HttpServer server, final PaperDaemon daemon, final String token)
    {
        this.server = server;
        this.daemon = daemon;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.origin = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * Starts on {@code host:port} (port 0: any free port).
     *
     * @param token the bearer token state-changing requests must carry.
     */
    public static ControlServer start(final String host, final int port, final PaperDaemon daemon, final String token)
        throws IOException
    {
        if (token == null || token.length() < 16)
        {
            throw new IllegalArgumentException("the control token must be at least 16 characters");
        }
        final HttpServer server;
        try
        {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        }
        catch (final java.net.BindException ex)
        {
            throw new IllegalArgumentException("control port " + host + ":" + port + " is in use: choose another " +
                "--control-port (0 for any free port)");
        }
        final ControlServer control = new ControlServer(server, daemon, token);
        server.setExecutor(Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "keel-control");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/health", control::health);
        server.createContext("/api/kill", ex -> control.command(ex, OperatorCommand.KILL));
        server.createContext("/api/flatten", ex -> control.command(ex, OperatorCommand.FLATTEN_ALL));
        server.createContext("/api/reset", ex -> control.command(ex, OperatorCommand.RESET_KILL));
        server.start();
        return control;
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url()
    {
        return origin;
    }

    private static void send(final HttpExchange ex, final int status, final String json) throws IOException
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(body);
        }
    }

    private void health(final HttpExchange ex) throws IOException
    {
        send(ex, 200, "{\"status\":\"" + (daemon.running() ? "up" : "starting") + "\",\"killSwitch\":" +
            daemon.killSwitchEngaged() + "}");
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

    private void command(final HttpExchange ex, final OperatorCommand command) throws IOException
    {
        if (!"POST".equals(ex.getRequestMethod()))
        {
            send(ex, 405, "{\"error\":\"POST only\"}");
            return;
        }
        final String requestOrigin = ex.getRequestHeaders().getFirst("Origin");
        if (requestOrigin != null && !requestOrigin.equals(origin))
        {
            LOG.warn("control request from origin {} refused", requestOrigin);
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
        String reason;
        try
        {
            final JsonNode body = JSON.readTree(ex.getRequestBody());
            reason = body == null ? "" : body.path("reason").asText("");
        }
        catch (final IOException bad)
        {
            send(ex, 400, "{\"error\":\"body must be JSON: {\\\"reason\\\": \\\"...\\\"}\"}");
            return;
        }
        if (reason.isBlank())
        {
            send(ex, 400, "{\"error\":\"say why: {\\\"reason\\\": \\\"...\\\"}\"}");
            return;
        }
        final boolean accepted = daemon.command(command, "operator:http", "http: " + reason);
        send(ex, accepted ? 202 : 503, accepted ? "{\"accepted\":\"" + command + "\"}" :
            "{\"error\":\"the daemon is not running yet\"}");
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
