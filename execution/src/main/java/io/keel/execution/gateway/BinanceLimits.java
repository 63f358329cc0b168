package io.keel.execution.gateway;

import io.keel.core.event.RejectReason;
import org.knowm.xchange.binance.dto.BinanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Binance spot's published request limits, kept locally (orders per 10 s, request weight per minute), and the venue's
 * own refusals: 429 pauses every request until Retry-After, 418 (an IP ban) halts order entry for the process.
 */
final class BinanceLimits
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceLimits.class);

    private final RateLimiter orders = new RateLimiter(BinanceOrderGateway.ORDERS_PER_10S, 10_000_000_000L);
    private final RateLimiter weight = new RateLimiter(BinanceOrderGateway.WEIGHT_PER_MINUTE, 60_000_000_000L);
    private final LongSupplier clockNs;
    private volatile boolean halted;
    private long requests;

    BinanceLimits(final LongSupplier clockNs)
    {
        this.clockNs = clockNs;
    }

    /** @return {@link RejectReason#NONE} when a request may go now (counted), else the local refusal. */
    RejectReason admit(final int requestWeight, final boolean isOrder)
    {
        if (halted)
        {
            return RejectReason.KILL_SWITCH;
        }
        final long now = clockNs.getAsLong();
        if (isOrder && !orders.tryAcquire(now))
        {
            return RejectReason.THROTTLED;
        }
        for (int i = 0; i < requestWeight; i++)
        {
            if (!weight.tryAcquire(now))
            {
                return RejectReason.THROTTLED;
            }
        }
        requests++;
        return RejectReason.NONE;
    }

    /** Acts on an HTTP failure XChange reports. @return true when it was a 429 or 418. */
    boolean onVenueLimit(final BinanceException ex)
    {
        long retryAfterSeconds = 60;
        final Map<String, List<String>> headers = ex.getResponseHeaders();
        if (headers != null)
        {
            for (final Map.Entry<String, List<String>> h : headers.entrySet())
            {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty())
                {
                    retryAfterSeconds = Long.parseLong(h.getValue().get(0).trim());
                }
            }
        }
        return onVenueLimit(ex.getHttpStatusCode(), retryAfterSeconds);
    }

    /** Acts on a refused answer of the signed client. */
    void onVenueLimit(final BinanceSignedRest.Answer answer)
    {
        onVenueLimit(answer.status(), answer.retryAfterSeconds() >= 0 ? answer.retryAfterSeconds() : 60);
    }

    private boolean onVenueLimit(final int status, final long retryAfterSeconds)
    {
        if (status != 429 && status != 418)
        {
            return false;
        }
        if (status == 418)
        {
            halted = true;
            LOG.error("ALERT: Binance answered 418 (IP banned for {} s): order entry halted for this process",
                retryAfterSeconds);
        }
        final long until = clockNs.getAsLong() + retryAfterSeconds * 1_000_000_000L;
        orders.pauseUntil(until);
        weight.pauseUntil(until);
        LOG.warn("Binance answered {}: no request before Retry-After {} s", status, retryAfterSeconds);
        return true;
    }

    /** @return true once the venue answered 418. */
    boolean halted()
    {
        return halted;
    }

    /** @return requests admitted. */
    long requests()
    {
        return requests;
    }
}
