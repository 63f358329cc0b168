package io.keel.benchmarks;

import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal alone at a paced rate: each append's delay from its intended time, with and without the pretoucher
 * ({@link JournalWriter#pretouching()}), in the temporary directory's filesystem (pass {@code -Djava.io.tmpdir} to
 * choose the disk). {@code bin/bench journal [events] [rate]}; optionally {@code spin} keeps the other core busy as
 * the daemon's source thread does.
 */
public final class JournalStallBenchmark
{
    private static final long START_NS = 1_767_225_600_000_000_000L;

    private JournalStallBenchmark()
    {
    }

    /** Runs both variants and prints their percentiles. */
    public static void main(final String[] args) throws IOException
    {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_500_000;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (args.length > 2 && "spin".equals(args[2]))
        {
            final Thread spin = new Thread(() ->
            {
                while (true)
                {
                    Thread.onSpinWait();
                }
            }, "spin");
            spin.setDaemon(true);
            spin.start();
        }
        run(events, rate, false);
        run(events, rate, true);
    }

    private static void run(final int events, final int rate, final boolean pretouch) throws IOException
    {
        final Path dir = Files.createTempDirectory("keel-journal-stall");
        try
        {
            final JournalWriter writer = JournalWriter.open(dir, START_NS, new RunHeader(RecordKind.SCHEMA_VERSION,
                "bench", "bench", "none", 1, "mode: bench\n"));
            if (pretouch)
            {
                writer.pretouching();
            }
            final Event event = new Event();
            final Histogram histogram = new Histogram(10_000_000_000L, 3);
            final int warmup = events / 10;
            final long intervalNs = 1_000_000_000L / rate;
            final long start = System.nanoTime() + 10_000_000L;
            for (int i = 0; i < events; i++)
            {
                final long intended = start + i * intervalNs;
                while (System.nanoTime() < intended)
                {
                    Thread.onSpinWait();
                }
                event.trade(START_NS + i * intervalNs, i & 1, Side.BUY, 6_500_000 + (i & 1023), 5).sequence = i;
                writer.append(event);
                if (i >= warmup)
                {
                    histogram.recordValue(Math.min(System.nanoTime() - intended, histogram.getHighestTrackableValue()));
                }
            }
            writer.close();
            System.out.printf("journal %s at %,d appends/s, %,d after %,d warm-up, in %s: p50 %,d ns  p99 %,d ns  " +
                "p99.9 %,d ns  max %,d ns; %,d pages touched ahead%n", pretouch ? "pretouched" : "plain     ", rate,
                histogram.getTotalCount(), warmup, dir.getParent(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                writer.pretouchedPages());
        }
        finally
        {
            PipelineBenchmark.delete(dir);
        }
    }
}
