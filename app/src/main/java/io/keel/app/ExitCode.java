package io.keel.app;

/** Process exit codes of every command. */
public final class ExitCode
{
    /** Success; for verify: identical. */
    public static final int OK = 0;
    /** verify: the regenerated intents differ from the journaled ones. */
    public static final int DIVERGED = 1;
    /** Bad command line or configuration (malformed YAML, unknown mode, out-of-range value...). */
    public static final int BAD_INPUT = 2;
    /** A journal that cannot be read: missing, truncated, corrupt, unknown schema version. */
    public static final int BAD_JOURNAL = 3;
    /** Anything else: a bug; the stack trace is logged. */
    public static final int FAILURE = 4;

    private ExitCode()
    {
    }
}
