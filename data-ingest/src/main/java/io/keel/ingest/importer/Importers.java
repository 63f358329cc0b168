package io.keel.ingest.importer;

import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

/** Shared plumbing of the importers: instrument lookup, line reading with progress. */
final class Importers
{
    static final Logger LOG = LoggerFactory.getLogger("io.keel.ingest.importer");

    /** Receives one line. */
    interface LineHandler
    {
        void onLine(long lineNumber, String line);
    }

    private Importers()
    {
    }

    /** @return the spec of {@code symbol} in the mode's configuration; a clear error when it is not configured. */
    static InstrumentSpec instrument(final LoadedConfig loaded, final String symbol, final Path input)
    {
        if (symbol == null)
        {
            throw new IllegalArgumentException("cannot tell the symbol of " + input + "; pass --symbol");
        }
        return loaded.instruments().stream().filter(s -> s.symbol().equalsIgnoreCase(symbol)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("symbol " + symbol + " of " + input + " is not an " +
                "instrument of mode " + loaded.mode() + " (it has " + loaded.instruments().stream()
                .map(InstrumentSpec::symbol).collect(Collectors.joining(", ")) + "); choose another --mode"));
    }

    /** Reads a text file line by line, reporting the fraction read. @return lines read. */
    static long readLines(final Path file, final DoubleConsumer progress, final LineHandler handler)
        throws IOException
    {
        final long size = Math.max(1, Files.size(file));
        long bytes = 0;
        long lines = 0;
        int lastPercent = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
            StandardCharsets.UTF_8), 1 << 16))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                lines++;
                bytes += line.length() + 1;
                if (!line.isBlank())
                {
                    handler.onLine(lines, line);
                }
                final int percent = (int)Math.min(100, bytes * 100 / size);
                if (progress != null && percent != lastPercent)
                {
                    lastPercent = percent;
                    progress.accept(percent / 100.0);
                }
            }
        }
        if (progress != null)
        {
            progress.accept(1.0);
        }
        return lines;
    }
}
