package io.keel.app.daemon;

import com.lmax.disruptor.ExceptionHandler;
import io.keel.core.event.Event;
import io.keel.engine.DecisionChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A failure in the decision chain (a bug, or the journal failing to write) halts trading: the kill switch engages on
 * the decision thread, the failure is logged once and the daemon is asked to stop.
 */
final class DecisionFailureHandler implements ExceptionHandler<Event>
{
    private static final Logger LOG = LoggerFactory.getLogger(DecisionFailureHandler.class);

    private final DecisionChain chain;
    private final AtomicReference<Throwable> failure;
    private final Runnable stop;

    /**
     * @param failure keeps the first failure (the daemon reports it once stopped).
     * @param stop    asks the daemon to stop.
     */
    DecisionFailureHandler(final DecisionChain chain, final AtomicReference<Throwable> failure, final Runnable stop)
    {
        this.chain = chain;
        this.failure = failure;
        this.stop = stop;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final Event event)
    {
        chain.risk().engageKillSwitch("decision thread failed: " + ex);
        if (failure.compareAndSet(null, ex))
        {
            LOG.error("decision thread failed on {}; kill switch engaged, stopping", event, ex);
        }
        stop.run();
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
        LOG.error("decision thread failed to start", ex);
        stop.run();
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
        LOG.error("decision thread failed to shut down cleanly (journal close)", ex);
    }
}
