package io.keel.execution.gateway;

/**
 * Our client order ids as a venue sees them: {@code keel-<run>-<id>}. The id derives from the journal sequence,
 * which starts again with every journal, so the run tag (one per journal, e.g. its start time in base 36) keeps two
 * runs' orders apart; it is at most 10 letters or digits, which keeps the whole within Binance's 36 characters.
 */
public final class VenueIds
{
    private final String prefix;

    /** @param runTag letters and digits, at most 10; empty for no tag ({@code keel-<id>}). */
    public VenueIds(final String runTag)
    {
        if (!runTag.matches("[A-Za-z0-9]{0,10}"))
        {
            throw new IllegalArgumentException("run tag must be 0 to 10 letters or digits: '" + runTag + "'");
        }
        this.prefix = runTag.isEmpty() ? "keel-" : "keel-" + runTag + "-";
    }

    /** @return a run tag for a journal starting at this epoch second. */
    public static String tagOf(final long epochSecond)
    {
        return Long.toString(epochSecond, 36);
    }

    /** @return the venue's client id of our order. */
    public String of(final long clientOrderId)
    {
        return prefix + clientOrderId;
    }

    /** @return our client order id, or -1 when the venue id is not one of this run's. */
    public long parse(final String venueId)
    {
        if (venueId == null || !venueId.startsWith(prefix))
        {
            return -1;
        }
        try
        {
            return Long.parseLong(venueId.substring(prefix.length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
