package io.keel.app;

import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dump}: print a journal's records, for operators and debugging. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print the records of a journal, one per line (header, events, decisions, end marker).")
final class DumpCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
    Path journal;

    @Option(names = "--type", description = "Only events of this type (e.g. QUALITY_FLAG, ORDER_INTENT) or " +
        "DECISION.")
    String type;

    @Option(names = "--limit", defaultValue = "9223372036854775807", description = "At most this many lines.")
    long limit;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event event = new Event();
            final DecisionRecord decision = new DecisionRecord();
            byte kind;
            while (printed < limit && (kind = reader.next(event, decision)) != RecordKind.END_OF_JOURNAL)
            {
                final String line = switch (kind)
                {
                    case RecordKind.EVENT -> type == null || type.equals(event.type.name()) ?
                        java.time.Instant.ofEpochSecond(0, event.timestampNs) + " " + event : null;
                    case RecordKind.DECISION -> type == null || type.equals("DECISION") ? decision.toString() :
                        null;
                    case RecordKind.RUN_HEADER -> type == null ? "RunHeader{build=" +
                        reader.header().buildVersion() + ", mode=" + reader.header().mode() + ", configSha256=" +
                        reader.header().configHash() + ", seed=" + reader.header().seed() + "}" : null;
                    default -> type == null ? "RunEnd{records=" + reader.endRecordCount() + "}" : null;
                };
                if (line != null)
                {
                    out.println(line);
                    printed++;
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
