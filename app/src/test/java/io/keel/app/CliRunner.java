package io.keel.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public final class CliRunner
{
    /** Exit code and output of one command. */
    public record Result(int exitCode, String out, String err)
    {
        /** @return stdout and stderr together, for assertion messages. */
        public String all()
        {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private CliRunner()
    {
    }

    /** Runs {@code keel <args>}. */
    public static Result keel(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
