package io.keel.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's one HTTP server (JDK {@code HttpServer}, 127.0.0.1:8080 by default): {@code GET /metrics} in the
 * Prometheus text format, {@code GET /health} as JSON, the control panel's static files at {@code /}, and whatever
 * routes the daemon adds ({@link #route}). It runs on its own small pool, never on the decision thread; a scrape reads
 * the metric board's slots and nothing else.
 */
public final class MonitoringServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringServer.class);
    private static final String PANEL = "/io/keel/monitoring/panel/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
        "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "txt",
        "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService pool;
    private final ScheduledExecutorService sampler;
    private final String url;

    private MonitoringServer(final HttpServer server, final ExecutorService pool,
        final ScheduledExecutorService sampler)
    {
        this.server = server;
        this.pool = pool;
        this.sampler = sampler;
        this.url = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * Starts serving.
     *
     * @param port   0 for any free port.
     * @param health the body of {@code /health} (JSON).
     */
    public static MonitoringServer start(final String host, final int port, final PrometheusMeterRegistry registry,
        final Supplier<String> health) throws IOException
    {
        final HttpServer server;
        try
        {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        }
        catch (final java.net.BindException ex)
        {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + ex.getMessage() +
                "): another daemon running? choose --http-port (0 for any free port) or --no-http");
        }
        final ExecutorService pool = Executors.newFixedThreadPool(8, r -> daemonThread(r, "keel-http"));
        server.setExecutor(pool);
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            r -> daemonThread(r, "keel-monitor"));
        final MonitoringServer monitoring = new MonitoringServer(server, pool, sampler);
        server.createContext("/metrics", ex ->
        {
            final byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body);
        });
        server.createContext("/health", ex -> send(ex, 200, "application/json", health.get()
            .getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", MonitoringServer::panelFile);
        server.start();
        LOG.debug("monitoring on {} (/metrics, /health, control panel at /)", monitoring.url);
        return monitoring;
    }

    private static Thread daemonThread(final Runnable runnable, final String name)
    {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Runs {@code task} every {@code periodMs} on the monitoring thread (samplers), never the decision thread. */
    public MonitoringServer every(final long periodMs, final Runnable task)
    {
        sampler.scheduleAtFixedRate(() ->
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("monitoring task failed: {}", ex.toString());
            }
        }, 0, periodMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Adds a route (the daemon's control API and event stream). */
    public MonitoringServer route(final String path, final HttpHandler handler)
    {
        server.createContext(path, handler);
        return this;
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url()
    {
        return url;
    }

    /** @return the port listened on. */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /** Sends a whole response. */
    public static void send(final HttpExchange ex, final int status, final String type, final byte[] body)
        throws IOException
    {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(body);
        }
    }

    private static void panelFile(final HttpExchange ex) throws IOException
    {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/"))
        {
            path = "/index.html";
        }
        final String name = path.substring(1);
        if (!"GET".equals(ex.getRequestMethod()) || !name.matches("[a-zA-Z0-9._-]+") || name.startsWith("."))
        {
            send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = MonitoringServer.class.getResourceAsStream(PANEL + name))
        {
            if (in == null)
            {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            final String extension = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' " +
                "'unsafe-inline'");
            send(ex, 200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        pool.shutdownNow();
        sampler.shutdownNow();
    }
}
