package io.keel.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Independent tasks (days, trials) on a few daemon threads, their results in task order; the first failure wins. */
public final class Parallel
{
    private Parallel()
    {
    }

    public static <T> List<T> inOrder(final List<Callable<T>> tasks, final int threads, final String name)
    {
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r ->
        {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try
        {
            final List<Future<T>> futures = new ArrayList<>();
            for (final Callable<T> task : tasks)
            {
                futures.add(pool.submit(task));
            }
            final List<T> results = new ArrayList<>();
            for (final Future<T> f : futures)
            {
                results.add(f.get());
            }
            return results;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
        catch (final ExecutionException e)
        {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
