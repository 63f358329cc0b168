package io.keel.core.journal;

/**
 * First record of every run written to a journal: what produced the records that follow.
 *
 * @param schemaVersion journal schema version of the records that follow.
 * @param buildVersion  version of the daemon that wrote them.
 * @param mode          mode profile name.
 * @param configHash    SHA-256 (hex) of {@code configText}.
 * @param seed          seed of every random generator in the run.
 * @param configText    the effective configuration, so a replay can rebuild the exact pipeline.
 */
public record RunHeader(
    int schemaVersion, String buildVersion, String mode, String configHash, long seed, String configText)
{
}
