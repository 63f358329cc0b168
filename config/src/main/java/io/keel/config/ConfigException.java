package io.keel.config;

import java.util.List;

/** Configuration rejected at start-up; the message lists every problem found, one per line. */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** @param problems one line per problem, each naming file, key, value and the allowed range. */
    public ConfigException(final List<String> problems)
    {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, one per line. */
    public List<String> problems()
    {
        return problems;
    }
}
