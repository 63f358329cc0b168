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
 * The module map of ARCHITECTURE, enforced on every reference in the sources (imports and fully qualified names) and
 * on the poms: core uses nothing of ours; a layer module (config, data-ingest, alpha, ensemble, sizing, execution,
 * risk, monitoring) uses core (and config), never a sibling layer; engine uses the layers but no app, backtest or
 * research; backtest uses engine and the layers; research uses backtest and engine; only app wires everything;
 * test-support uses nothing of ours and only tests use it (test scope in every pom). The
 * engine's main sources use no streams and no Micrometer (the hot path and its wiring stay plain).
 */
class LayerDependencyTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> LAYER_PACKAGES = List.of("config", "ingest", "alpha", "ensemble", "sizing",
        "execution", "risk", "monitoring");
    /** Module directory → its root package under io.keel. */
    private static final Map<String, String> MODULES = Map.ofEntries(
        Map.entry("core", "core"),
        Map.entry("config", "config"),
        Map.entry("data-ingest", "ingest"),
        Map.entry("alpha", "alpha"),
        Map.entry("ensemble", "ensemble"),
        Map.entry("sizing", "sizing"),
        Map.entry("execution", "execution"),
        Map.entry("risk", "risk"),
        Map.entry("monitoring", "monitoring"),
        Map.entry("engine", "engine"),
        Map.entry("backtest", "backtest"),
        Map.entry("research", "research"),
        Map.entry("test-support", "testing"));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.keel\\.([a-z]+)\\b");
    private static final Pattern POM_DEPENDENCY = Pattern.compile("<artifactId>keel-([a-z-]+)</artifactId>");
    private static final Pattern ENGINE_BANNED = Pattern.compile("java\\.util\\.stream|\\.stream\\(\\)|io\\.micrometer");

    @Test
    void shouldKeepEveryModuleWithinTheModuleMap() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        int filesScanned = 0;
        for (final Map.Entry<String, String> module : MODULES.entrySet())
        {
            final Path sources = ROOT.resolve(module.getKey()).resolve("src");
            assertTrue(Files.isDirectory(sources), "missing " + sources);
            try (Stream<Path> files = Files.walk(sources))
            {
                for (final Path file : files.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    filesScanned++;
                    final String text = Files.readString(file);
                    final Matcher m = REFERENCE.matcher(text);
                    while (m.find())
                    {
                        final String target = m.group(1);
                        // test-support is for tests: any module's tests may use it, no main source may
                        final boolean testSupport = target.equals("testing") && !module.getValue().equals("testing");
                        if (testSupport ? file.toString().contains("/src/main/") : !allowed(module.getValue(), target))
                        {
                            violations.add(ROOT.relativize(file) + " references io.keel." + target);
                        }
                    }
                    if (module.getKey().equals("engine") && file.toString().contains("/src/main/"))
                    {
                        final Matcher banned = ENGINE_BANNED.matcher(text);
                        if (banned.find())
                        {
                            violations.add(ROOT.relativize(file) + " uses " + banned.group() + " in the engine");
                        }
                    }
                }
            }
        }
        assertTrue(filesScanned > 100, "scanned only " + filesScanned + " files");
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldDeclareOnlyAllowedModulesInPoms()
    {
        final List<String> violations = new ArrayList<>();
        MODULES.forEach((module, pkg) ->
        {
            try
            {
                final String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
                final Matcher m = POM_DEPENDENCY.matcher(pom);
                while (m.find())
                {
                    final String dependency = m.group(1);
                    final String target = MODULES.getOrDefault(dependency, dependency);
                    if (!dependency.equals("parent") && !dependency.equals(module) && !target.equals("testing") &&
                        !allowed(pkg, target))
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
        assertTrue(!allowed("core", "config") && !allowed("engine", "app") && !allowed("engine", "backtest") &&
            !allowed("engine", "research") && !allowed("backtest", "research") && !allowed("research", "app"));
        assertTrue(allowed("alpha", "core") && allowed("alpha", "config") && allowed("risk", "risk"));
        assertTrue(allowed("engine", "execution") && allowed("backtest", "engine") && allowed("research", "backtest"));
        assertTrue(ENGINE_BANNED.matcher("list.stream().map(f)").find() &&
            ENGINE_BANNED.matcher("import io.micrometer.core.instrument.Counter;").find() &&
            !ENGINE_BANNED.matcher("final Event upstream = queue.poll();").find());
    }

    private static boolean allowed(final String from, final String target)
    {
        if (target.equals(from) || target.equals("core"))
        {
            return true;
        }
        final boolean layer = LAYER_PACKAGES.contains(target);
        return switch (from)
        {
            case "core", "testing" -> false;
            case "engine" -> layer;
            case "backtest" -> layer || target.equals("engine");
            case "research" -> layer || target.equals("engine") || target.equals("backtest");
            default -> target.equals("config"); // a layer: core and config only
        };
    }
}
