package io.keel.research;

import io.keel.backtest.DayRange;
import io.keel.backtest.Parallel;
import io.keel.backtest.PipelineBacktest;
import io.keel.backtest.PipelineResults;
import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.monitoring.report.ReportSeries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A mode profile swept over configuration keys: every combination of the values is a trial, replayed through the
 * pipeline over the same journaled days (sequentially, positions carrying over), its daily returns read from the
 * equity marked at each day's end. Trials run in parallel, each on its own chain.
 */
public final class PipelineSweep
{
    private final LoadedConfig loaded;
    private final Map<String, List<String>> grid;
    private final List<Path> journals;
    private final DayRange days;
    private final boolean allowUnclosed;
    private int daysPerYear;

    public PipelineSweep(final LoadedConfig loaded, final Map<String, List<String>> grid, final List<Path> journals,
        final DayRange days, final boolean allowUnclosed)
    {
        this.loaded = loaded;
        this.grid = grid;
        this.journals = journals;
        this.days = days;
        this.allowUnclosed = allowUnclosed;
    }

    /** @return {@code KEY=V1,V2} options as an ordered grid; a key twice or without values is refused. */
    public static Map<String, List<String>> grid(final List<String> params)
    {
        final Map<String, List<String>> grid = new LinkedHashMap<>();
        for (final String p : params)
        {
            final int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1)
            {
                throw new IllegalArgumentException("--param " + p + ": expected KEY=V1,V2 (for example " +
                    "sizing.minEdgeBps=0.3,1,2)");
            }
            final List<String> values = Arrays.stream(p.substring(eq + 1).split(",")).map(String::trim).toList();
            if (values.stream().anyMatch(String::isEmpty) || grid.put(p.substring(0, eq).trim(), values) != null)
            {
                throw new IllegalArgumentException("--param " + p + ": an empty value, or the key given twice");
            }
        }
        return grid;
    }

    /** @return every combination of the grid's values, the first key varying slowest. */
    private List<List<String>> combinations()
    {
        List<List<String>> out = List.of(List.of());
        for (final List<String> values : grid.values())
        {
            final List<List<String>> next = new ArrayList<>();
            for (final List<String> prefix : out)
            {
                for (final String v : values)
                {
                    final List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /** @return the configuration of one trial (each key validated: an unknown key or bad value is refused). */
    private LoadedConfig configOf(final List<String> values)
    {
        LoadedConfig config = loaded;
        int i = 0;
        for (final String key : grid.keySet())
        {
            config = ConfigLoader.withValue(config, key, values.get(i++));
        }
        return config;
    }

    public Sweep run(final int threads)
    {
        final List<List<String>> combinations = combinations();
        combinations.forEach(this::configOf); // refuse a bad key or value before replaying anything
        final PipelineResults[] first = new PipelineResults[1];
        final List<Callable<Sweep.Trial>> tasks = new ArrayList<>();
        for (int c = 0; c < combinations.size(); c++)
        {
            final List<String> values = combinations.get(c);
            final boolean keep = c == 0;
            tasks.add(() ->
            {
                final LoadedConfig config = configOf(values);
                final PipelineResults results = new PipelineResults(config, new PipelineBacktest(config, days,
                    allowUnclosed, null, PipelineBacktest::quiet).sequential(journals));
                if (keep)
                {
                    first[0] = results;
                }
                return new Sweep.Trial(values, ReportSeries.returns(results.dailyEquity()), results.tradeCount());
            });
        }
        final List<Sweep.Trial> trials = Parallel.inOrder(tasks, threads, "sweep");
        daysPerYear = first[0].daysPerYear();
        return new Sweep(List.copyOf(grid.keySet()), trials, first[0].days(), first[0].dailyBenchmark(),
            loaded.money().initialCash() / 1e8);
    }

    public int daysPerYear()
    {
        return daysPerYear;
    }
}
