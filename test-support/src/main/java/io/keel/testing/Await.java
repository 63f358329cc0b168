package io.keel.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition another thread makes true, with a deadline: tests never sleep a fixed time. */
public final class Await
{
    private Await()
    {
    }

    /**
     * Polls {@code condition} every few milliseconds until it holds.
     *
     * @throws AssertionError naming {@code what} when {@code timeout} passes first.
     */
    public static void await(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        await(condition, timeout, () -> what);
    }

    /** As above, the message built only on failure (it may describe the state then). */
    public static void await(final BooleanSupplier condition, final Duration timeout, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
