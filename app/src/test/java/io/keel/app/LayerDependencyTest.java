package io.keel.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module map of ARCHITECTURE, enforced: a layer module may use core (and config), never a sibling layer; only
 * app wires them. Checked on every reference in the sources (imports and fully qualified names) and on the poms.
 */
class LayerDependencyTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Module directory → its root package under io.keel. */
    private static final Map<String, String> LAYERS = Map.of(
        "config", "config",
        "data-ingest", "ingest",
        "alpha", "alpha",
        "ensemble", "ensemble",
        "sizing", "sizing",
        "execution", "execution",
        "risk", "risk",
        "monitoring", "monitoring");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.keel\\.([a-z]+)\\b");
    private static final Pattern POM_DEPENDENCY = Pattern.compile("<artifactId>keel-([a-z-]+)</artifactId>");

    @Test
    void shouldKeepEveryLayerIndependentOfItsSiblings() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        int filesScanned = 0;
        for (final Map.Entry<String, String> layer : LAYERS.entrySet())
        {
            final Path sources = ROOT.resolve(layer.getKey()).resolve("src");
            assertTrue(Files.isDirectory(sources), "missing " + sources);
            try (Stream<Path> files = Files.walk(sources))
            {
                for (final Path file : files.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    filesScanned++;
                    final Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find())
                    {
                        final String target = m.group(1);
                        if (!allowed(layer.getValue(), target))
                        {
                            violations.add(ROOT.relativize(file) + " references io.keel." + target);
                        }
                    }
                }
            }
        }
        assertTrue(filesScanned > 20, "scanned only " + filesScanned + " files");
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldDeclareOnlyCoreAndConfigInLayerPoms()
    {
        final List<String> violations = new ArrayList<>();
        LAYERS.keySet().forEach(module ->
        {
            try
            {
                final String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
                final Matcher m = POM_DEPENDENCY.matcher(pom);
                while (m.find())
                {
                    final String dependency = m.group(1);
                    final boolean ok = dependency.equals("parent") || dependency.equals(module) ||
                        dependency.equals("core") || (dependency.equals("config") && !module.equals("config"));
                    if (!ok)
                    {
                        violations.add(module + "/pom.xml depends on keel-" + dependency);
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldCatchAViolationWhenOneIsPresent()
    {
        assertTrue(!allowed("alpha", "risk") && !allowed("execution", "ingest") && !allowed("config", "alpha"));
        assertTrue(allowed("alpha", "core") && allowed("alpha", "config") && allowed("risk", "risk"));
    }

    private static boolean allowed(final String layer, final String target)
    {
        return target.equals(layer) || target.equals("core") || (target.equals("config") && !layer.equals("core"));
    }
}
