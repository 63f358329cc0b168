package io.keel.app;

import io.keel.engine.ModelAttribution;
import io.keel.monitoring.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code replay}: backtest a journal's market through the pipeline with the simulated exchange. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-run a journal's inbound market events through the pipeline with the simulated exchange " +
        "and print the summary.")
final class ReplayCommand extends JournalCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", description = "Write the replay's own journal here (must not " +
        "hold one yet).")
    Path out;

    @Option(names = "--all-models", description = "Enable every model of the alpha zoo (with its configured or " +
        "default parameters), not only the mode's.")
    boolean allModels;

    @Override
    public Integer call()
    {
        final ModelAttribution[] attribution = new ModelAttribution[1];
        final RunSummary summary = replayer(allModels).replay(out,
            loaded -> attribution[0] = ModelAttribution.forConfig(loaded));
        spec.commandLine().getOut().println(summary.format());
        spec.commandLine().getOut().print(attribution[0].format());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
