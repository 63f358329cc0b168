package io.keel.app.control;

import io.keel.app.pipeline.PaperDaemon;
import io.keel.monitoring.FeedAge;
import io.keel.monitoring.MetricsBridge;
import io.keel.monitoring.MonitoringServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;

/**
 * The daemon's HTTP side, wired: Micrometer's Prometheus registry with the JVM's meters, build info and the
 * decision chain's board (bound when the run declares it), the feed-age sampler, {@code /health}, and the operator's
 * control API, on one {@link MonitoringServer}.
 */
public final class DaemonHttp implements AutoCloseable
{
    private final MonitoringServer server;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile FeedAge feeds;
    private ControlApi control;

    private DaemonHttp(final MonitoringServer server)
    {
        this.server = server;
    }

    /**
     * Starts serving for {@code daemon} (before it runs: its board is bound when the run declares it).
     *
     * @param version the build version, a label of {@code keel_build_info}.
     * @param token   the control API's bearer token.
     */
    public static DaemonHttp start(final String host, final int port, final PaperDaemon daemon, final String version,
        final String token) throws IOException
    {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final String mode = daemon.config().mode();
        registry.config().commonTags("mode", mode);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        final io.prometheus.metrics.core.metrics.Info build = io.prometheus.metrics.core.metrics.Info.builder()
            .name("keel_build_info").help("The daemon's build and venue").labelNames("version", "venue", "mode")
            .register(registry.getPrometheusRegistry());
        build.setLabelValues(version, daemon.live() ? "live" : "paper", mode);
        Gauge.builder("keel_journal_lag_events", daemon, PaperDaemon::inboundLag).description("Inbound events " +
            "published but not yet journaled and decided").register(registry);
        final DaemonHttp[] self = new DaemonHttp[1];
        final MonitoringServer server = MonitoringServer.start(host, port, registry, () -> health(daemon, self[0]));
        final DaemonHttp http = new DaemonHttp(server);
        self[0] = http;
        http.gc.bindTo(registry);
        final PanelState panel = new PanelState(daemon, daemon.journalDirectory());
        daemon.metrics(board ->
        {
            MetricsBridge.bind(board, registry);
            final FeedAge age = new FeedAge(board, registry);
            http.feeds = age;
            panel.board(board);
            panel.feeds(age);
            server.every(100, age::sample);
        });
        server.every(250, panel::poll);
        http.control = ControlApi.install(server, daemon, panel, token, daemon.journalDirectory() == null ? null :
            daemon.journalDirectory().toAbsolutePath().getParent());
        return http;
    }

    private static String health(final PaperDaemon daemon, final DaemonHttp http)
    {
        final FeedAge age = http == null ? null : http.feeds;
        return "{\"status\":\"" + (daemon.running() ? "up" : "starting") + "\",\"mode\":\"" +
            daemon.config().mode() + "\",\"live\":" + daemon.live() + ",\"killSwitch\":" +
            daemon.killSwitchEngaged() + ",\"feedAgeSeconds\":" + (age == null ? "null" :
            String.format(java.util.Locale.ROOT, "%.3f", age.oldestSeconds())) + "}";
    }

    /** @return the server's base URL. */
    public String url()
    {
        return server.url();
    }

    /** @return the server. */
    public MonitoringServer server()
    {
        return server;
    }

    @Override
    public void close()
    {
        control.close();
        gc.close();
        server.close();
    }
}
