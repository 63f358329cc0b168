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

    /**
     * @return a command starting {@code keel <args>} in a new JVM with this test JVM's Chronicle flags and its
     *         {@code -Dkeel.*} properties (state directory, HTTP port) and class path.
     */
    public static List<String> keelCommand(final String... args)
    {
        final List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        for (final String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc") ||
                arg.startsWith("-Dchronicle") || arg.startsWith("-Dkeel."))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

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
