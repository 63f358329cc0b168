package io.keel.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a program the tests drive for real (promtool and prometheus from Debian's {@code prometheus} package,
 * {@code chromium} and {@code chromedriver}). {@code .ci/run} installs them; without one a test is skipped with a
 * message saying what to install, except under CI ({@code CI=true}), where it fails.
 */
public final class ExternalTool
{
    private ExternalTool()
    {
    }

    /** @return the program's path on PATH (or /usr/bin); skips (fails on CI) when absent. */
    public static Path require(final String program, final String debianPackage)
    {
        final String path = System.getenv("PATH") == null ? "/usr/bin" : System.getenv("PATH") + ":/usr/bin";
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        final String message = program + " not found: apt-get install " + debianPackage + " (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            Assertions.fail(message);
        }
        Assumptions.abort(message + "; test skipped");
        return null;
    }
}
