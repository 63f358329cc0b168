package io.keel.app;

import io.keel.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kill}: the operator's kill switch, flatten-all and reset, for a running daemon. */
@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "Engage the kill switch of the daemon using this state directory (cancel all working orders, " +
        "block risk-increasing orders; latched across restarts), or flatten every position, or reset the " +
        "switch. Written as a trigger file the daemon takes within a fraction of a second; audited.")
final class KillCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--reason", required = true, description = "Why (goes to the audit log and the journal).")
    String reason;

    @Option(names = "--flatten", description = "Also close every position with market orders.")
    boolean flatten;

    @Option(names = "--reset", description = "Reset an engaged kill switch instead (an operator decision).")
    boolean reset;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "The daemon's state directory (default: " +
        "risk.stateDir of --mode).")
    Path stateDir;

    @Option(names = "--mode", defaultValue = "crypto_scalp", description = "Mode whose risk.stateDir to use.")
    String mode;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "Directory with base.yaml and modes/.")
    Path configDir;

    @Override
    public Integer call() throws IOException
    {
        if (flatten && reset)
        {
            throw new IllegalArgumentException("--flatten and --reset contradict each other: choose one");
        }
        final Path state = stateDir != null ? stateDir :
            Main.stateDirectory(null, ConfigLoader.load(Main.configSource(configDir), mode));
        final io.keel.core.event.OperatorCommand command = reset ? io.keel.core.event.OperatorCommand.RESET_KILL :
            flatten ? io.keel.core.event.OperatorCommand.FLATTEN_ALL : io.keel.core.event.OperatorCommand.KILL;
        final Path file = io.keel.app.daemon.StateTriggers.write(state, command, "cli: " + reason);
        spec.commandLine().getOut().println("keel kill: " + command + " requested (" + file + "); the running " +
            "daemon takes it within a second" + (reset ? "" : "; with no daemon running, the next start does"));
        return ExitCode.OK;
    }
}
