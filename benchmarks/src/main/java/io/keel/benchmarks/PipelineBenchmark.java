package io.keel.benchmarks;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.keel.alpha.AlphaModel;
import io.keel.alpha.AlphaZoo;
import io.keel.app.daemon.Daemon;
import io.keel.engine.EventTimePipeline;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import io.keel.monitoring.RunSummary;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The spine's benchmark. Records a crypto_scalp paper session on the simulated venue into a journal, then:
 * <ol>
 *   <li>replays it through the full backtest chain (journal read → exchange → sequence → journal write → features
 *       → alpha → ensemble → sizing → risk → OMS/portfolio) with the output journal off, then on: events/s;</li>
 *   <li>during the journal-on replay, measures bytes allocated by the replay thread and GC count between the end
 *       of a warm-up and the end of the run (ThreadMXBean);</li>
 *   <li>publishes events through a Disruptor ring at a fixed rate and records, per event, the time from its
 *       intended publication to the end of its processing (HdrHistogram, coordinated-omission-free).</li>
 * </ol>
 * Usage: {@code bin/bench [--zoo] [--metrics] [--blender confidence|hit-rate|logistic] [--trained ARTIFACT]
 * [minutesOfMarket] [latencyEvents] [ratePerSecond]} (defaults 100, 3000000, 100000). {@code --metrics} attaches
 * the metric board to the chain as the daemon does. {@code --zoo} enables every model of the alpha zoo (nine) on
 * top of crypto_scalp; {@code --blender} picks the ensemble; {@code --trained} adds a model artifact
 * written by {@code keel train} as the zoo's trained member.
 */
public final class PipelineBenchmark
{
    private static final long WARMUP_EVENTS = 2_000_000;

    private PipelineBenchmark()
    {
    }

    /** Attach the metric board to the chain, as the daemon does (bin/bench --metrics). */
    private static boolean metrics;

    /** Runs the benchmark and prints its figures. */
    public static void main(final String[] args) throws Exception
    {
        boolean zoo = false;
        String blender = null;
        Path trained = null;
        final List<String> numbers = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--zoo" -> zoo = true;
                case "--metrics" -> metrics = true;
                case "--blender" -> blender = args[++i];
                case "--trained" -> trained = Path.of(args[++i]).toAbsolutePath();
                default -> numbers.add(args[i]);
            }
        }
        final int minutes = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 100;
        final int latencyEvents = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 3_000_000;
        final int rate = numbers.size() > 2 ? Integer.parseInt(numbers.get(2)) : 100_000;
        final Path work = Files.createTempDirectory("keel-bench");
        try
        {
            final LoadedConfig scalp = ConfigLoader.load(benchSource(blender, trained), "crypto_scalp");
            final LoadedConfig loaded = zoo ? ConfigLoader.withAllModels(scalp) : scalp;
            final List<String> models = AlphaZoo.fromConfig(loaded.config().alpha()).stream()
                .map(AlphaModel::name).toList();
            System.out.printf("models     %d: %s; blender %s%n", models.size(), models,
                loaded.config().ensemble().blender());
            final Path input = work.resolve("input");
            final long recordStart = System.nanoTime();
            final RunSummary recorded = new Daemon(loaded, input, minutes * 60_000_000_000L, false, "bench")
                .run();
            System.out.printf("recorded   %,d inbound events (%d min of crypto_scalp market) in %.1f s%n",
                recorded.inboundEvents(), minutes, (System.nanoTime() - recordStart) / 1e9);

            replay(loaded, input, null, "replay, journal off");
            replay(loaded, input, work.resolve("out-warm"), "replay, journal on (warm-up run)");
            replay(loaded, input, work.resolve("out"), "replay, journal on");
            // as the daemon runs: the source (here the journal's reader) on its own thread, the ring between it and
            // the decision thread, which journals and decides
            replayPiped(loaded, input, null, "piped replay, journal off");
            replayPiped(loaded, input, work.resolve("piped-warm"), "piped replay, journal on (warm-up)");
            replayPiped(loaded, input, work.resolve("piped"), "piped replay, journal on");
            // the replays above left gigabytes of dirty journal pages: flushed now, so the kernel's writeback of
            // earlier phases does not land inside the latency run (measured: it was the p99/p99.9 tail)
            flushDirtyPages();
            latency(loaded, input, null, latencyEvents, rate);
            flushDirtyPages();
            latency(loaded, input, work.resolve("latency"), latencyEvents, rate);
        }
        finally
        {
            delete(work);
        }
    }

    /** The built-in configuration, with the blender replaced and a trained model added if asked. */
    private static ConfigSource benchSource(final String blender, final Path trained) throws IOException
    {
        final ConfigSource builtIn = ConfigSource.builtIn();
        final String trainedSection = trained == null ? null : "\nalpha:\n  trained:\n    enabled: true\n" +
            "    artifact: " + trained + "\n    sha256: \"" +
            io.keel.alpha.ModelArtifact.sha256(Files.readAllBytes(trained)) + "\"\n";
        return new ConfigSource()
        {
            @Override
            public String read(final String relativePath) throws IOException
            {
                String text = builtIn.read(relativePath);
                if (text != null && blender != null)
                {
                    text = text.replaceAll("(?m)^(  blender:\\s*)\\S+", "$1" + blender);
                }
                if (text != null && trainedSection != null && relativePath.endsWith("crypto_scalp.yaml"))
                {
                    text = text.replace("\nalpha:\n", trainedSection);
                }
                return text;
            }

            @Override
            public String describe(final String relativePath)
            {
                return "bench:" + builtIn.describe(relativePath);
            }

            @Override
            public List<String> modes() throws IOException
            {
                return builtIn.modes();
            }
        };
    }

    private static void attachMetrics(final EventTimePipeline backtest, final LoadedConfig loaded)
    {
        if (metrics)
        {
            backtest.chain().metrics(new io.keel.engine.ChainMetrics(new io.keel.core.metrics.MetricBoard(),
                loaded.mode(), loaded.instruments(), backtest.chain().modelNames()));
        }
    }

    private static void replay(final LoadedConfig loaded, final Path input, final Path output, final String label)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().threadId();
        final JournalWriter writer = output == null ? null : JournalWriter.open(output, 0, header(loaded));
        final EventTimePipeline backtest = new EventTimePipeline(loaded, writer);
        attachMetrics(backtest, loaded);
        final Event event = new Event();
        final DecisionRecord decision = new DecisionRecord();
        long events = 0;
        long warmBytes = 0;
        long warmGcs = 0;
        long warmNs = 0;
        final long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(input))
        {
            byte kind;
            while ((kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && backtest.onJournaledEvent(event) && ++events == WARMUP_EVENTS)
                {
                    warmBytes = threads.getThreadAllocatedBytes(thread);
                    warmGcs = gcCount();
                    warmNs = System.nanoTime();
                }
            }
        }
        final long end = System.nanoTime();
        final long bytes = threads.getThreadAllocatedBytes(thread) - warmBytes;
        final long gcs = gcCount() - warmGcs;
        if (writer != null)
        {
            writer.close();
        }
        final long steady = events - WARMUP_EVENTS;
        System.out.printf("%-34s %,12d events in %6.2f s = %,11.0f events/s (steady state %,11.0f events/s)%n",
            label, events, (end - start) / 1e9, events / ((end - start) / 1e9), steady / ((end - warmNs) / 1e9));
        System.out.printf("%-34s %,12d events after warm-up: %,d bytes allocated = %.4f B/event, %d GCs; " +
            "%d orders, %d fills%n", "", steady, bytes, (double)bytes / steady, gcs, backtest.chain().desk().sent(),
            backtest.chain().desk().fills());
    }

    /**
     * The replay with the journal read on this thread and published to a ring, and the decision thread (journal,
     * chain, simulated exchange) consuming it: the daemon's shape, source and decision on their own cores. Events are
     * decoded straight into the ring's slots. Throughput and allocation are the decision thread's.
     */
    private static void replayPiped(final LoadedConfig loaded, final Path input, final Path output, final String label)
        throws InterruptedException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final JournalWriter writer = output == null ? null : JournalWriter.open(output, 0, header(loaded));
        final EventTimePipeline backtest = new EventTimePipeline(loaded, writer);
        attachMetrics(backtest, loaded);
        final long[] counts = new long[5]; // events, warm bytes, warm gcs, warm ns, end bytes
        final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        final Disruptor<Event> disruptor = new Disruptor<>(Event::new, 1 << 16, r -> new Thread(r, "keel-decision"),
            ProducerType.SINGLE, new com.lmax.disruptor.YieldingWaitStrategy());
        disruptor.handleEventsWith(new com.lmax.disruptor.EventHandler<Event>()
        {
            @Override
            public void onEvent(final Event event, final long sequence, final boolean endOfBatch)
            {
                if (backtest.onJournaledEvent(event) && ++counts[0] == WARMUP_EVENTS)
                {
                    counts[1] = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
                    counts[2] = gcCount();
                    counts[3] = System.nanoTime();
                }
            }

            @Override
            public void onShutdown()
            {
                counts[4] = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
                if (writer != null)
                {
                    writer.close(); // the journal belongs to the decision thread
                }
                closed.countDown();
            }
        });
        final RingBuffer<Event> ring = disruptor.start();
        final DecisionRecord decision = new DecisionRecord();
        final long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(input))
        {
            long claimed = ring.next();
            byte kind;
            while ((kind = reader.next(ring.get(claimed), decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT)
                {
                    ring.publish(claimed);
                    claimed = ring.next();
                }
            }
            ring.get(claimed).reset(); // the last claimed slot carries nothing
            ring.publish(claimed);
        }
        disruptor.shutdown(); // returns once the decision thread has taken every event
        final long end = System.nanoTime();
        disruptor.halt();
        closed.await();
        final long steady = counts[0] - WARMUP_EVENTS;
        final long bytes = counts[4] - counts[1];
        System.out.printf("%-34s %,12d events in %6.2f s = %,11.0f events/s (steady state %,11.0f events/s)%n",
            label, counts[0], (end - start) / 1e9, counts[0] / ((end - start) / 1e9),
            steady / ((end - counts[3]) / 1e9));
        System.out.printf("%-34s %,12d events after warm-up: %,d bytes allocated = %.4f B/event, %d GCs; " +
            "%d orders, %d fills%n", "", steady, bytes, (double)bytes / steady, gcCount() - counts[2],
            backtest.chain().desk().sent(), backtest.chain().desk().fills());
    }

    private static void latency(
        final LoadedConfig loaded, final Path input, final Path output, final int count, final int rate)
        throws InterruptedException
    {
        final Event[] events = new Event[count];
        int loadedCount = 0;
        try (JournalReader reader = JournalReader.open(input))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while (loadedCount < count && (kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && event.type.isInbound() && event.type != EventType.EXECUTION_REPORT)
                {
                    events[loadedCount++] = new Event().copyFrom(event);
                }
            }
        }
        // as the daemon journals: the pages touched ahead on a thread of its own (-Dkeel.bench.pretouch=false: not)
        final JournalWriter writer = output == null ? null : JournalWriter.open(output, 0, header(loaded));
        if (writer != null && !"false".equals(System.getProperty("keel.bench.pretouch")))
        {
            writer.pretouching();
        }
        final EventTimePipeline backtest = new EventTimePipeline(loaded, writer);
        attachMetrics(backtest, loaded);
        final int ringSize = 1 << 16;
        final long[] intendedNs = new long[ringSize];
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        final int warmup = Math.min(500_000, loadedCount / 4);
        final long[] processed = new long[1];
        final Disruptor<Event> disruptor = new Disruptor<>(Event::new, ringSize, r -> new Thread(r, "keel-decision"),
            ProducerType.SINGLE, latencyWait());
        final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        disruptor.handleEventsWith(new com.lmax.disruptor.EventHandler<Event>()
        {
            @Override
            public void onEvent(final Event event, final long sequence, final boolean endOfBatch)
            {
                backtest.onJournaledEvent(event);
                final long latencyNs = System.nanoTime() - intendedNs[(int)(sequence & (ringSize - 1))];
                if (++processed[0] == warmup)
                {
                    histogram.reset();
                }
                histogram.recordValue(Math.min(latencyNs, histogram.getHighestTrackableValue()));
            }

            @Override
            public void onShutdown()
            {
                if (writer != null)
                {
                    writer.close(); // the journal belongs to the decision thread
                }
                closed.countDown();
            }
        });
        final RingBuffer<Event> ring = disruptor.start();
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < loadedCount; i++)
        {
            final long intended = start + i * intervalNs;
            while (System.nanoTime() < intended)
            {
                Thread.onSpinWait();
            }
            final long sequence = ring.next();
            intendedNs[(int)(sequence & (ringSize - 1))] = intended;
            ring.get(sequence).copyFrom(events[i]);
            ring.publish(sequence);
        }
        disruptor.shutdown();
        disruptor.halt();
        closed.await();
        System.out.printf("latency at %,d events/s, intended-time, journal %s, %,d events after %,d warm-up: " +
            "p50 %,d ns  p90 %,d ns  p99 %,d ns  p99.9 %,d ns  max %,d ns%n", rate, writer == null ? "off" : "on",
            histogram.getTotalCount(), warmup,
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    /**
     * @return the decision thread's wait strategy in the latency runs: {@code -Dkeel.bench.wait=busy-spin} (default),
     *     {@code yielding} or {@code blocking}, as {@code pipeline.waitStrategy} offers the daemon.
     */
    private static com.lmax.disruptor.WaitStrategy latencyWait()
    {
        return switch (System.getProperty("keel.bench.wait", "busy-spin"))
        {
            case "yielding" -> new com.lmax.disruptor.YieldingWaitStrategy();
            case "blocking" -> new com.lmax.disruptor.BlockingWaitStrategy();
            default -> new BusySpinWaitStrategy();
        };
    }

    /** Runs {@code sync} (Linux): the page cache's dirty pages reach the disk before the next phase. */
    private static void flushDirtyPages() throws InterruptedException
    {
        try
        {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        }
        catch (final java.io.IOException ex)
        {
            System.out.println("sync not available (" + ex.getMessage() + "): earlier phases may still be flushing");
        }
    }

    private static RunHeader header(final LoadedConfig loaded)
    {
        return new RunHeader(RecordKind.SCHEMA_VERSION, "bench", loaded.mode(), loaded.sha256(),
            loaded.config().run().seed(), loaded.text());
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /** Deletes a benchmark's working directory and everything in it. */
    static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }
}
