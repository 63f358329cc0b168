package io.keel.execution.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares what the journal says we hold with what the venue says, before trading and periodically. Anything that
 * does not match is listed, typed, and the verdict is not OK: the caller keeps risk-increasing orders blocked (a
 * missing or failing venue report is {@link Verdict#UNAVAILABLE}, which blocks too — never assume flat). Positions and
 * open quantities must match exactly; cash within a tolerance (venue fees charged in another asset, interest).
 */
public final class Reconciliation
{
    /** The outcome. */
    public enum Verdict
    {
        /** Everything matches: trading may start or go on. */
        OK,
        /** Something differs: block risk-increasing orders, alert, let an operator look. */
        MISMATCH,
        /** The venue could not be asked: block until it can. */
        UNAVAILABLE
    }

    /**
     * A reconciliation result.
     *
     * @param verdict    the outcome.
     * @param mismatches what differs, one line each.
     */
    public record Result(Verdict verdict, List<String> mismatches)
    {
    }

    private Reconciliation()
    {
    }

    /** @return the result when the venue could not be asked. */
    public static Result unavailable(final String why)
    {
        return new Result(Verdict.UNAVAILABLE, List.of("venue report unavailable: " + why));
    }

    /**
     * @param positions       our positions by instrument id, quantity units.
     * @param cashMoney       our quote-currency cash, money units.
     * @param openOrders      our working orders (open and UNKNOWN) by client id, open quantity.
     * @param venue           the venue's report.
     * @param cashToleranceMoney largest cash difference accepted, money units.
     */
    public static Result compare(
        final Map<Integer, Long> positions, final long cashMoney, final Map<Long, Long> openOrders,
        final VenueSnapshot venue, final long cashToleranceMoney)
    {
        final List<String> mismatches = new ArrayList<>();
        final TreeSet<Integer> instruments = new TreeSet<>(positions.keySet());
        instruments.addAll(venue.positions().keySet());
        for (final int id : instruments)
        {
            final long ours = positions.getOrDefault(id, 0L);
            final long theirs = venue.positions().getOrDefault(id, 0L);
            if (ours != theirs)
            {
                mismatches.add("position of instrument " + id + ": journal " + ours + ", venue " + theirs +
                    " (a fill the stream never reported, or one booked twice)");
            }
        }
        if (Math.abs(cashMoney - venue.cashMoney()) > cashToleranceMoney)
        {
            mismatches.add("cash: journal " + cashMoney + ", venue " + venue.cashMoney() + " (money units)");
        }
        final TreeSet<Long> ids = new TreeSet<>(openOrders.keySet());
        ids.addAll(venue.openOrders().keySet());
        for (final long id : ids)
        {
            final Long ours = openOrders.get(id);
            final Long theirs = venue.openOrders().get(id);
            if (ours == null)
            {
                mismatches.add("order " + id + " is open at the venue but not in the journal");
            }
            else if (theirs == null)
            {
                mismatches.add("order " + id + " is open in the journal but not at the venue (filled or canceled " +
                    "unseen: resolve it by query)");
            }
            else if (!ours.equals(theirs))
            {
                mismatches.add("order " + id + ": journal has " + ours + " open, venue " + theirs);
            }
        }
        return new Result(mismatches.isEmpty() ? Verdict.OK : Verdict.MISMATCH, List.copyOf(mismatches));
    }
}
