package io.keel.app.daemon;

import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.risk.AuditLog;
import io.keel.risk.KillSwitchLatch;
import io.keel.risk.RiskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A halt on the decision thread latches the kill switch at once (durable before anything acts on it) but writes no
 * audit entry itself: the entry waits, stamped with the wall time of the halt, until the watchdog thread drains it.
 */
class HaltAuditorTest
{
    @Test
    void shouldLatchAtOnceAndLeaveTheAuditWriteToTheWatchdogThread(@TempDir final Path state) throws IOException
    {
        final Clock haltTime = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        final AuditQueue queue = new AuditQueue(haltTime);
        final KillSwitchLatch latch = new KillSwitchLatch(state);
        final HaltAuditor auditor = new HaltAuditor(queue, latch,
            ConfigLoader.load(ConfigSource.builtIn(), "crypto_scalp"));
        final AuditLog log = AuditLog.open(state, Clock.fixed(Instant.parse("2026-12-03T11:00:00Z"), ZoneOffset.UTC));
        final long before = Files.exists(log.file()) ? Files.size(log.file()) : 0;

        auditor.onHalt(1_767_225_600_000_000_000L, 0, RiskListener.Halt.KILL_SWITCH, true, "drawdown stop");
        auditor.onHalt(1_767_225_601_000_000_000L, -1, RiskListener.Halt.VOLATILITY, true, "volatility");

        assertTrue(new KillSwitchLatch(state).engaged(), "the latch is on disk before the halt is acted on");
        assertTrue(auditor.killSwitchEngaged());
        assertEquals(before, Files.exists(log.file()) ? Files.size(log.file()) : 0,
            "the decision thread wrote nothing to the audit log");

        assertEquals(2, queue.drain(log));
        final String written = Files.readString(log.file());
        assertTrue(written.contains("\"wall\":\"2026-12-03T10:00:00Z\""), "stamped when it happened: " + written);
        assertFalse(written.contains("11:00:00Z"), "not when it was written: " + written);
        assertTrue(written.contains("KILL_SWITCH engaged BTCUSDT") && written.contains("VOLATILITY engaged"),
            written);
        assertTrue(written.indexOf("KILL_SWITCH") < written.indexOf("VOLATILITY"), "in order: " + written);
        assertEquals(0, queue.drain(log), "each entry written once");
        log.close();
    }
}
