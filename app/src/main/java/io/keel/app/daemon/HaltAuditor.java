package io.keel.app.daemon;

import io.keel.config.LoadedConfig;
import io.keel.risk.KillSwitchLatch;
import io.keel.risk.RiskListener;

/**
 * Hears every halt and reset on the decision thread: the kill-switch latch follows the switch at once (durable before
 * anything acts on an engagement), and an audit entry is queued for the watchdog thread to write and force to disk.
 */
final class HaltAuditor implements RiskListener
{
    private final AuditQueue audit;
    private final KillSwitchLatch latch;
    private final LoadedConfig loaded;
    private volatile boolean killSwitchEngaged;

    HaltAuditor(final AuditQueue audit, final KillSwitchLatch latch, final LoadedConfig loaded)
    {
        this.audit = audit;
        this.latch = latch;
        this.loaded = loaded;
    }

    @Override
    public void onHalt(
        final long eventTimeNs, final int instrumentId, final Halt halt, final boolean engaged, final String reason)
    {
        if (halt == Halt.KILL_SWITCH)
        {
            killSwitchEngaged = engaged;
            if (engaged)
            {
                latch.engage(reason); // durable before anything acts on the engagement
            }
            else
            {
                latch.clear();
            }
        }
        final String scope = instrumentId < 0 ? "" : " " + loaded.instruments().get(instrumentId).symbol();
        audit.offer(eventTimeNs, reason.startsWith("operator") ? "operator" : "risk",
            halt + (engaged ? " engaged" : " cleared") + scope, reason);
    }

    /** @return whether the kill switch is engaged, as the decision thread last reported it. */
    boolean killSwitchEngaged()
    {
        return killSwitchEngaged;
    }
}
