package io.keel.app;

import io.keel.engine.Replayer;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code verify}: replay and diff the regenerated order intents against the journaled ones. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Replay a journal exactly (execution reports included) and compare every regenerated " +
        "decision and order intent with the journaled one. Exit 0 when identical, 1 with the first divergence, 2 " +
        "when the journal records no decisions or intents to compare (imported market data).")
final class VerifyCommand extends JournalCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        final Replayer.VerifyResult result = replayer().verify();
        final PrintWriter out = spec.commandLine().getOut();
        if (result.identical())
        {
            out.println("verify: identical (" + result.comparedRecords() + " decisions and intents compared)");
            return ExitCode.OK;
        }
        if (result.nothingRecorded())
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println("verify: nothing to verify: the journal records no decisions or intents (imported market " +
                "data, or a run that decided nothing), so there is nothing to compare; `replay` or `backtest` run " +
                "the pipeline on it. " + result.firstDivergence());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        out.println("verify: DIVERGED at " + result.firstDivergence());
        return ExitCode.DIVERGED;
    }
}
