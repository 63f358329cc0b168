package io.keel.risk;

import io.keel.core.Side;
import io.keel.core.event.RejectReason;

import java.util.Arrays;

/**
 * The memory of accepted orders that three checks need: the same order again within the duplicate window, the
 * new-order throttle (at most {@code maxOrdersPerSecond}), and the runaway guard (more than
 * {@code runawayOrdersPerMinute} trips the kill switch). Allocation-free rings; single-threaded.
 */
final class OrderFlow
{
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long NS_PER_MINUTE = 60 * NS_PER_SECOND;
    /** An order time long ago (no order yet), far enough from Long.MIN_VALUE that differences do not overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    private final RiskLimits limits;
    private final long[] lastOrderNs;
    private final Side[] lastOrderSide;
    private final long[] lastOrderQuantity;
    private final long[] lastOrderPrice;
    private final long[] recentOrders;
    private int recentHead;
    private final long[] minuteOrders;
    private int minuteHead;

    OrderFlow(final int instruments, final RiskLimits limits)
    {
        this.limits = limits;
        this.lastOrderNs = new long[instruments];
        this.lastOrderSide = new Side[instruments];
        this.lastOrderQuantity = new long[instruments];
        this.lastOrderPrice = new long[instruments];
        Arrays.fill(lastOrderSide, Side.NONE);
        Arrays.fill(lastOrderNs, NEVER);
        this.recentOrders = new long[Math.max(1, Math.min(limits.maxOrdersPerSecond(), 1 << 20))];
        Arrays.fill(recentOrders, NEVER);
        this.minuteOrders = new long[Math.max(1, limits.runawayOrdersPerMinute())];
        Arrays.fill(minuteOrders, NEVER);
    }

    /** @return DUPLICATE_ORDER or THROTTLED when the order may not go now, else NONE. */
    RejectReason check(final int id, final Side side, final long quantity, final long price, final long timestampNs)
    {
        if (limits.duplicateWindowNs() > 0 && lastOrderSide[id] == side && lastOrderQuantity[id] == quantity &&
            lastOrderPrice[id] == price && timestampNs - lastOrderNs[id] < limits.duplicateWindowNs())
        {
            return RejectReason.DUPLICATE_ORDER;
        }
        if (timestampNs - recentOrders[recentHead] < NS_PER_SECOND)
        {
            return RejectReason.THROTTLED; // the oldest of the last maxOrdersPerSecond orders is under a second old
        }
        return RejectReason.NONE;
    }

    /** @return true when one more order now would be more than the runaway guard allows in a minute. */
    boolean runaway(final long timestampNs)
    {
        return limits.runawayOrdersPerMinute() > 0 && timestampNs - minuteOrders[minuteHead] < NS_PER_MINUTE;
    }

    /** Remembers an accepted order. */
    void accept(final int id, final Side side, final long quantity, final long price, final long timestampNs)
    {
        if (limits.runawayOrdersPerMinute() > 0)
        {
            minuteOrders[minuteHead] = timestampNs;
            minuteHead = (minuteHead + 1) % minuteOrders.length;
        }
        recentOrders[recentHead] = timestampNs;
        recentHead = (recentHead + 1) % recentOrders.length;
        lastOrderNs[id] = timestampNs;
        lastOrderSide[id] = side;
        lastOrderQuantity[id] = quantity;
        lastOrderPrice[id] = price;
    }
}
