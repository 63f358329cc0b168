package io.keel.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Daemons a test started as processes: whatever happens to the test, none outlives it (a daemon left running with
 * {@code --fast} and no duration fills the disk with its journal).
 */
public final class SpawnedDaemons
{
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    /** @return the process, tracked. */
    public Process track(final Process process)
    {
        processes.add(process);
        return process;
    }

    /** Kills (-9) every tracked process still alive; call from {@code @AfterEach}. */
    public void killAll() throws InterruptedException
    {
        for (final Process process : processes)
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        processes.clear();
    }
}
