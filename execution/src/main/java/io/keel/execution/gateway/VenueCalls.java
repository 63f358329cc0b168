package io.keel.execution.gateway;

import org.slf4j.Logger;

import java.io.IOException;

/** Venue calls that may fail: a failure is logged and becomes null ("could not ask"), an interrupt is kept. */
final class VenueCalls
{
    /** A call that may fail with I/O or be interrupted. */
    @FunctionalInterface
    interface Call<T>
    {
        T call() throws IOException, InterruptedException;
    }

    private VenueCalls()
    {
    }

    /** @return the call's result, or null when it failed (logged with {@code what}) or was interrupted. */
    static <T> T orNull(final Logger log, final String what, final Call<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final IOException | RuntimeException ex)
        {
            log.warn("cannot {}: {}", what, ex.toString());
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
