package io.keel.benchmarks;

import io.keel.backtest.BarCsv;
import io.keel.backtest.SmaCrossover;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sma_crossover reference on a generated 1,000,000-bar CSV (issue 7's target: end to end, process start to
 * results written, at most 1.0 s; engine only at least 5 M bars/s; no allocation per bar). End to end runs
 * {@code bin/keel backtest} as a new process, as a user would, five times; engine only runs the strategy over the
 * loaded columns after a warm-up.
 *
 * <p>Usage: {@code bin/bench sma [bars] [fast] [slow]} (defaults 1000000, 10, 30).
 */
public final class SmaBenchmark
{
    private SmaBenchmark()
    {
    }

    /** Runs the benchmark and prints its figures. */
    public static void main(final String[] args) throws Exception
    {
        final int bars = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int fast = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int slow = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        final Path work = Files.createTempDirectory("keel-sma-bench");
        final Path csv = work.resolve("bars.csv");
        generate(csv, bars);
        System.out.printf("csv        %,d bars, %,d bytes (random walk, seed 7)%n", bars, Files.size(csv));

        final List<Double> seconds = new ArrayList<>();
        String printed = "";
        for (int run = 0; run < 5; run++)
        {
            final Path out = work.resolve("out" + run);
            final long start = System.nanoTime();
            final ProcessBuilder builder = new ProcessBuilder(command(csv, out, fast, slow)).redirectErrorStream(true);
            builder.environment().put("KEEL_NO_BUILD", "1");
            final Process process = builder.start();
            printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 ||
                !Files.exists(out.resolve("summary.json")))
            {
                throw new IllegalStateException("keel backtest failed: " + printed);
            }
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        final double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("end to end (new JVM, parse, run, write summary.json, trades.csv, report.html): best %.3f " +
            "s, median " +
            "%.3f s, worst %.3f s over 5 runs = %,.0f bars/s (best)%n", sorted[0], sorted[2], sorted[4],
            bars / sorted[0]);
        System.out.println("  " + printed);

        final BarCsv.Bars loaded = BarCsv.read(csv);
        final SmaCrossover strategy = new SmaCrossover(fast, slow);
        final SmaCrossover.Result result = SmaCrossover.resultFor(loaded.count());
        final long[] marked = new long[loaded.count()]; // equity marked at every close, as the command does
        for (int i = 0; i < 30; i++)
        {
            strategy.run(loaded.open(), loaded.close(), loaded.count(), 10_000_000_000_000L, result, marked);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().threadId();
        final int runs = 50;
        final long bytesBefore = threads.getThreadAllocatedBytes(thread);
        final long begin = System.nanoTime();
        for (int i = 0; i < runs; i++)
        {
            strategy.run(loaded.open(), loaded.close(), loaded.count(), 10_000_000_000_000L, result, marked);
        }
        final long elapsed = System.nanoTime() - begin;
        final long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
        System.out.printf("engine only: %,d runs x %,d bars in %.3f s = %,.0f bars/s; %,d bytes allocated = %.6f " +
            "B/bar; %d trades, final equity %s%n", runs, loaded.count(), elapsed / 1e9,
            (double)runs * loaded.count() / (elapsed / 1e9), bytes, (double)bytes / ((double)runs * loaded.count()),
            result.count, java.math.BigDecimal.valueOf(result.finalEquity, BarCsv.SCALE).toPlainString());
        delete(work);
    }

    /** {@code bin/keel backtest ...}, exactly as a user runs it (the jar already built). */
    private static List<String> command(final Path csv, final Path out, final int fast, final int slow)
    {
        final String keel = System.getProperty("keel.home", ".") + "/bin/keel";
        return List.of(keel, "backtest", "--mode", "sma_crossover", "--csv", csv.toString(), "--out", out.toString(),
            "--fast", Integer.toString(fast), "--slow", Integer.toString(slow));
    }

    private static void generate(final Path csv, final int bars) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(7);
        long cents = 10_000_00;
        final long startSecond = 1_577_836_800L; // 2020-01-01T00:00:00Z
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII))
        {
            w.write("datetime,open,high,low,close,volume\n");
            for (int i = 0; i < bars; i++)
            {
                final long open = cents;
                cents = Math.max(100, cents + random.nextLong(-300, 301));
                final long high = Math.max(open, cents) + random.nextLong(0, 50);
                final long low = Math.min(open, cents) - random.nextLong(0, 50);
                w.write(java.time.Instant.ofEpochSecond(startSecond + 60L * i).toString());
                w.write(',' + money(open) + ',' + money(high) + ',' + money(Math.max(1, low)) + ',' + money(cents) +
                    ',' + random.nextInt(1, 1000) + '\n');
            }
        }
    }

    private static String money(final long cents)
    {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }

    private static void delete(final Path dir) throws IOException
    {
        try (java.util.stream.Stream<Path> files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
