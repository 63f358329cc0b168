package io.keel.ingest.lobster;

/**
 * One LOBSTER message row: {@code time,type,orderId,size,price,direction}.
 *
 * @param timeNs    nanoseconds after midnight (exchange local time).
 * @param type      1 new limit order, 2 partial cancel, 3 full delete, 4 visible execution, 5 hidden execution,
 *                  7 trading halt.
 * @param orderId   order reference number.
 * @param size      shares.
 * @param price     price in units of $0.0001.
 * @param direction 1 buy limit order, -1 sell limit order (for executions: the side of the resting order).
 */
public record LobsterMessage(long timeNs, int type, long orderId, long size, long price, int direction)
{
    /** @return the message parsed from a CSV row. */
    public static LobsterMessage parse(final String row)
    {
        final String[] f = row.split(",");
        if (f.length < 6)
        {
            throw new IllegalArgumentException("expected 6 fields, found " + f.length + ": " + row);
        }
        final String[] seconds = f[0].split("\\.");
        final long whole = Long.parseLong(seconds[0]);
        final String fraction = seconds.length > 1 ? (seconds[1] + "000000000").substring(0, 9) : "0";
        return new LobsterMessage(whole * 1_000_000_000L + Long.parseLong(fraction), Integer.parseInt(f[1]),
            Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Integer.parseInt(f[5]));
    }
}
