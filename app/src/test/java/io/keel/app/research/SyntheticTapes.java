package io.keel.app.research;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.event.Event;
import io.keel.core.journal.JournalWriter;
import io.keel.core.journal.RecordKind;
import io.keel.core.journal.RunHeader;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Journals of a synthetic BTCUSDT market, one quote a second, whose top-of-book imbalance either predicts the next
 * move of the mid (a planted edge) or is independent of it.
 */
final class SyntheticTapes
{
    static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private SyntheticTapes()
    {
    }

    /**
     * @param quotes   quotes to write, one a second.
     * @param planted  probability that the next move follows the sign of the imbalance (0.5: no edge).
     * @param seed     random seed.
     */
    static Path write(final Path dir, final int quotes, final double planted, final long seed)
    {
        final LoadedConfig config = ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp");
        final SplittableRandom random = new SplittableRandom(seed);
        try (JournalWriter writer = JournalWriter.open(dir, START_NS, new RunHeader(RecordKind.SCHEMA_VERSION,
            "test", config.mode(), config.sha256(), 1, config.text())))
        {
            final Event event = new Event();
            long mid = 65_000_00; // cents
            for (int i = 0; i < quotes; i++)
            {
                final boolean bidHeavy = random.nextBoolean();
                final long heavy = 2_000_000 + random.nextInt(3_000_000); // 2..5 BTC in micro units
                final long light = 100_000 + random.nextInt(400_000);
                event.quote(START_NS + i * 1_000_000_000L, 0, mid - 1, bidHeavy ? heavy : light, mid + 1,
                    bidHeavy ? light : heavy).sequence = i + 1;
                writer.append(event);
                final boolean follows = random.nextDouble() < planted;
                final boolean up = follows == bidHeavy;
                mid += (up ? 1 : -1) * (50 + random.nextInt(100));
            }
        }
        return dir;
    }
}
