package io.keel.ingest.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did.
 *
 * @param input         the file read.
 * @param rowsRead      lines (rows) read.
 * @param eventsWritten events journaled, by event type.
 * @param anomalies     anomalies found, by kind, with counts.
 * @param notes         measurements worth a line of their own (e.g. the clock skew range).
 * @param journals      journal directories written (one per trading day).
 * @param seconds       wall time taken.
 * @param firstBadRow   the first row that could not be read (file, line, reason, the line), or null.
 */
public record ImportReport(
    Path input, long rowsRead, Map<String, Long> eventsWritten, Map<String, Long> anomalies, List<String> notes,
    List<Path> journals, double seconds, String firstBadRow)
{
    /** A report without a bad row to name. */
    public ImportReport(final Path input, final long rowsRead, final Map<String, Long> eventsWritten,
        final Map<String, Long> anomalies, final List<String> notes, final List<Path> journals, final double seconds)
    {
        this(input, rowsRead, eventsWritten, anomalies, notes, journals, seconds, null);
    }

    /** @return total events journaled. */
    public long totalEvents()
    {
        return eventsWritten.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return a multi-line report for the console. */
    public String format()
    {
        final StringBuilder out = new StringBuilder();
        out.append("import: ").append(input).append('\n')
            .append(String.format("  rows read: %,d in %.2f s (%,.0f rows/s)%n", rowsRead, seconds,
                seconds > 0 ? rowsRead / seconds : 0))
            .append(String.format("  events written: %,d%n", totalEvents()));
        new TreeMap<>(eventsWritten).forEach((type, count) ->
            out.append(String.format("    %-18s %,d%n", type, count)));
        out.append("  anomalies:").append(anomalies.isEmpty() ? " none\n" : "\n");
        new TreeMap<>(anomalies).forEach((kind, count) -> out.append(String.format("    %-40s %,d%n", kind, count)));
        if (firstBadRow != null)
        {
            out.append("  first bad row: ").append(firstBadRow).append('\n');
        }
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        journals.forEach(j -> out.append("  journal: ").append(j).append('\n'));
        return out.toString();
    }
}
