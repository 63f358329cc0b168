package io.keel.ingest.binance;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XChange modules only work as one coherent set: every xchange-* jar on the classpath must have one version. */
class XchangeVersionTest
{
    private static final Pattern JAR = Pattern.compile("(xchange-[a-z-]+?)-(\\d+\\.\\d+\\.\\d+[^/]*?)\\.jar$");

    @Test
    void shouldResolveEveryXchangeModuleAtOneVersion()
    {
        final Map<String, String> versions = new TreeMap<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            final Matcher m = JAR.matcher(entry.replace('\\', '/'));
            if (m.find())
            {
                versions.put(m.group(1), m.group(2));
            }
        }
        assertTrue(versions.containsKey("xchange-core") && versions.containsKey("xchange-stream-binance"),
            versions.toString());
        assertEquals(1, versions.values().stream().distinct().count(), "mixed XChange versions: " + versions);
    }
}
