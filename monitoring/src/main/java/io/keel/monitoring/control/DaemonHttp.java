package io.keel.monitoring.control;

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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's HTTP side, wired: Micrometer's Prometheus registry with the JVM's meters, build info and the
 * decision chain's board (bound when a run declares it, taken off when the next run starts), the feed-age sampler,
 * {@code /health}, and the control panel's API, on one {@link MonitoringServer} that outlives the runs: an operator
 * can stop the daemon from the panel, choose a mode and instruments, and start it again.
 */
public final class DaemonHttp implements AutoCloseable
{
    /** A mode the panel may start, with the instruments it can choose from. */
    public record ModeChoice(String mode, List<String> symbols)
    {
    }

    /** An operator's start request from the panel. */
    public record Start(String mode, List<String> symbols, String reason)
    {
    }

    private final MonitoringServer server;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final io.prometheus.metrics.core.metrics.Info build;
    private final String version;
    private final List<ModeChoice> modes;
    private final BlockingQueue<Start> starts = new ArrayBlockingQueue<>(1);
    private volatile DaemonControl daemon;
    private volatile PanelState panel;
    private volatile FeedAge feeds;
    private volatile MetricsBridge.Binding binding;
    private volatile boolean waiting;
    private volatile boolean stoppedByOperator;
    private volatile boolean quit;
    private ControlApi control;

    private DaemonHttp(final MonitoringServer server, final PrometheusMeterRegistry registry, final String version,
        final List<ModeChoice> modes)
    {
        this.server = server;
        this.registry = registry;
        this.version = version;
        this.modes = modes;
        this.build = io.prometheus.metrics.core.metrics.Info.builder().name("keel_build_info")
            .help("The daemon's build and venue").labelNames("version", "venue", "mode")
            .register(registry.getPrometheusRegistry());
    }

    /**
     * Starts serving for {@code daemon} (before it runs: its board is bound when the run declares it).
     *
     * @param version the build version, a label of {@code keel_build_info}.
     * @param token   the control API's bearer token.
     * @param modes   what the panel may start after a stop (empty: nothing).
     */
    public static DaemonHttp start(final String host, final int port, final DaemonControl daemon, final String version,
        final String token, final List<ModeChoice> modes) throws IOException
    {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        final DaemonHttp[] self = new DaemonHttp[1];
        final MonitoringServer server = MonitoringServer.start(host, port, registry, () -> self[0].health());
        final DaemonHttp http = new DaemonHttp(server, registry, version, modes);
        self[0] = http;
        http.gc.bindTo(registry);
        Gauge.builder("keel_journal_lag_events", http, h -> h.daemon.inboundLag()).description("Inbound events " +
            "published but not yet journaled and decided").register(registry);
        Gauge.builder("keel_journal_disk_free_bytes", http, DaemonHttp::journalDiskFree).description("Usable space " +
            "of the journal's disk (NaN without a journal)").register(registry);
        Gauge.builder("keel_journal_disk_min_free_bytes", http, h -> h.daemon.config().config().journal().minFreeMb() *
            1024.0 * 1024.0).description("journal.minFreeMb: below it trading halts, below half of it the daemon " +
            "stops").register(registry);
        http.attach(daemon);
        server.every(100, () ->
        {
            final FeedAge age = http.feeds;
            if (age != null)
            {
                age.sample();
            }
        });
        server.every(250, () -> http.panel.poll());
        http.control = ControlApi.install(server, http, token);
        return http;
    }

    /** @return the same, for a single run (the panel cannot start another). */
    public static DaemonHttp start(final String host, final int port, final DaemonControl daemon, final String version,
        final String token) throws IOException
    {
        return start(host, port, daemon, version, token, List.of());
    }

    /** Serves {@code next} from now on: the previous run's board comes off the registry, the panel starts afresh. */
    public void attach(final DaemonControl next)
    {
        final MetricsBridge.Binding previous = binding;
        if (previous != null)
        {
            previous.unbind(registry);
        }
        final FeedAge previousFeeds = feeds;
        if (previousFeeds != null)
        {
            previousFeeds.unbind(registry);
        }
        feeds = null;
        binding = null;
        stoppedByOperator = false;
        final PanelState nextPanel = new PanelState(next, next.journalDirectory(), () -> waiting);
        next.metrics(board ->
        {
            binding = MetricsBridge.bind(board, registry);
            final FeedAge age = new FeedAge(board, registry);
            nextPanel.board(board);
            nextPanel.feeds(age);
            feeds = age;
        });
        build.setLabelValues(version, next.live() ? "live" : "paper", next.config().mode());
        this.panel = nextPanel;
        this.daemon = next;
    }

    /** @return usable bytes of the journal's disk, read at scrape time (off the decision thread). */
    private double journalDiskFree()
    {
        java.nio.file.Path dir = daemon.journalDirectory();
        while (dir != null && !java.nio.file.Files.exists(dir))
        {
            dir = dir.toAbsolutePath().getParent();
        }
        try
        {
            return dir == null ? Double.NaN : java.nio.file.Files.getFileStore(dir).getUsableSpace();
        }
        catch (final IOException e)
        {
            return Double.NaN;
        }
    }

    private String health()
    {
        final DaemonControl current = daemon;
        final FeedAge age = feeds;
        return "{\"status\":\"" + (current.running() ? "up" : waiting ? "stopped" : "starting") + "\",\"mode\":\"" +
            current.config().mode() + "\",\"live\":" + current.live() + ",\"killSwitch\":" +
            current.killSwitchEngaged() + ",\"feedAgeSeconds\":" + (age == null ? "null" :
            String.format(java.util.Locale.ROOT, "%.3f", age.oldestSeconds())) + "}";
    }

    /** @return the daemon served now. */
    DaemonControl daemon()
    {
        return daemon;
    }

    /** @return the panel of the daemon served now. */
    PanelState panel()
    {
        return panel;
    }

    /** @return the modes the panel may start. */
    List<ModeChoice> modes()
    {
        return modes;
    }

    /** The operator stopped the daemon from the panel: the process waits for a start (or quit). */
    void stopByOperator()
    {
        stoppedByOperator = true;
        daemon.requestStop();
    }

    /** The operator asked the process to end. */
    void quit()
    {
        quit = true;
        daemon.requestStop();
    }

    /** @return false unless the daemon is stopped and waiting for a start: then the request is queued. */
    boolean offer(final Start start)
    {
        return waiting && starts.offer(start);
    }

    /** @return true when the last run ended because an operator stopped it from the panel (not quit, not done). */
    public boolean stoppedByOperator()
    {
        return stoppedByOperator && !quit && !modes.isEmpty();
    }

    /**
     * Waits while stopped for the operator's start from the panel.
     *
     * @return the start, or null when the operator quit or the process is shutting down ({@link #endWaiting}).
     */
    public Start awaitStart() throws InterruptedException
    {
        starts.clear();
        waiting = true;
        try
        {
            while (!quit)
            {
                final Start start = starts.poll(200, TimeUnit.MILLISECONDS);
                if (start != null)
                {
                    return start;
                }
            }
            return null;
        }
        finally
        {
            waiting = false;
        }
    }

    /** Ends a wait for a start (SIGTERM while stopped). */
    public void endWaiting()
    {
        quit = true;
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
