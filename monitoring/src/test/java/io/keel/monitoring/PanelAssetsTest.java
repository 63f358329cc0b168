package io.keel.monitoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control panel's front end needs no network: the vendored uPlot files are the ones recorded (SHA-256, with their
 * licence beside them), and the page loads only files the daemon serves.
 */
class PanelAssetsTest
{
    private static final String PANEL = "/io/keel/monitoring/panel/";

    private static byte[] read(final String name) throws IOException
    {
        try (InputStream in = PanelAssetsTest.class.getResourceAsStream(PANEL + name))
        {
            assertNotNull(in, name + " is packaged");
            return in.readAllBytes();
        }
    }

    @Test
    void shouldShipTheRecordedVendoredFilesWithTheirLicence() throws Exception
    {
        final List<String> lines = new String(read("vendored.sha256.txt"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), "uPlot's script, stylesheet and licence");
        for (final String line : lines)
        {
            final String[] parts = line.split("\\s+");
            final String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(parts[1])));
            assertEquals(parts[0], actual, parts[1] + " is the vendored file, unchanged");
        }
        final String licence = new String(read("uplot-LICENSE.txt"), StandardCharsets.UTF_8);
        assertTrue(licence.contains("The MIT License") && licence.contains("Leon Sorokin"), licence);
    }

    @Test
    void shouldLoadOnlyFilesTheDaemonServes() throws Exception
    {
        final String page = new String(read("index.html"), StandardCharsets.UTF_8);
        final Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        int references = 0;
        while (m.find())
        {
            final String target = m.group(1);
            assertFalse(target.contains("//"), "no network reference: " + target);
            read(target);
            references++;
        }
        assertEquals(4, references, "two stylesheets and two scripts, nothing else");
        final String script = new String(read("panel.js"), StandardCharsets.UTF_8);
        assertFalse(script.contains("http://") || script.contains("https://"), "the script calls only its server");
    }
}
