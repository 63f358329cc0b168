package io.keel.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real market data of {@code ../shared/data} (see its MANIFEST.md) for tests. Without it a test is skipped
 * with a message naming the missing folder, except under CI ({@code CI=true}), where a skip would hide a missing
 * check and the test fails instead. {@code KEEL_SHARED_DATA} overrides the location.
 */
public final class SharedData
{
    private SharedData()
    {
    }

    /** @return the path of {@code relative} inside the shared data folder; skips (or fails on CI) when absent. */
    public static Path require(final String relative)
    {
        final Path root = locate();
        final Path target = root == null ? null : root.resolve(relative);
        if (target == null || !Files.exists(target))
        {
            final String message = "shared market data not found: " + (root == null ?
                "no shared/data folder beside the checkout (set KEEL_SHARED_DATA)" : target.toString());
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                Assertions.fail(message + "; CI must run the data-dependent tests");
            }
            Assumptions.abort(message + "; test skipped");
        }
        return target;
    }

    private static Path locate()
    {
        final String override = System.getenv("KEEL_SHARED_DATA");
        if (override != null && !override.isBlank())
        {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.md")))
            {
                return candidate;
            }
        }
        return null;
    }
}
