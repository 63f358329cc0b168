package io.keel.backtest;

import io.keel.core.InstrumentSpec;
import io.keel.execution.Portfolio;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Round-trip trades rebuilt from fills, per instrument, flat to flat (a reversal closes one and opens the next), in
 * exact money: each closing fill realizes its share of the open cost, fees split by quantity, rounded half even.
 */
final class RoundTrips
{
    /** The open trade of one instrument. */
    private static final class Open
    {
        int direction;
        long position;
        long cost;
        long fees;
        long realized;
        long entryNs;
        long entryNotional;
        long entryQuantity;
        long exitNotional;
        long exitQuantity;
        double[] shares;
    }

    private final InstrumentSpec[] specs;
    private final Open[] open;
    private final List<RunRecorder.Trade> trades = new ArrayList<>();

    RoundTrips(final InstrumentSpec[] specs)
    {
        this.specs = specs;
        this.open = new Open[specs.length];
        for (int i = 0; i < open.length; i++)
        {
            open[i] = new Open();
        }
    }

    /**
     * Books a fill into the instrument's open trade: adds to it, or closes (part of) it and maybe opens the next.
     *
     * @param reason why a trade this fill closes ends.
     * @param shares the models' shares of the order's decision (attribution of a trade it opens).
     */
    void book(final int id, final long timeNs, final int sign, final long price, final long quantity, final long fee,
        final RunRecorder.ExitReason reason, final double[] shares)
    {
        Open t = open[id];
        final InstrumentSpec spec = specs[id];
        long rest = quantity;
        long restFee = fee;
        if (t.position != 0 && Long.signum(t.position) != sign)
        {
            final long closing = Math.min(quantity, Math.abs(t.position));
            final long closedCost = part(t.cost, closing, Math.abs(t.position));
            final long closingFee = part(fee, closing, quantity);
            final long notional = spec.notional(price, closing);
            t.realized += Long.signum(t.position) * notional - closedCost;
            t.cost -= closedCost;
            t.fees += closingFee;
            t.exitNotional += notional;
            t.exitQuantity += closing;
            t.position += sign * closing;
            rest -= closing;
            restFee -= closingFee;
            if (t.position == 0)
            {
                close(id, timeNs, reason);
                t = open[id];
            }
        }
        if (rest > 0)
        {
            if (t.position == 0)
            {
                t.entryNs = timeNs;
                t.direction = sign;
                t.shares = shares;
            }
            t.position += sign * rest;
            t.cost += sign * spec.notional(price, rest);
            t.fees += restFee;
            t.entryNotional += spec.notional(price, rest);
            t.entryQuantity += rest;
        }
    }

    /** Closes every open position as a trade at its mark (no closing cost charged). */
    void closeAtMarks(final Portfolio portfolio, final long timeNs, final RunRecorder.ExitReason reason)
    {
        for (int id = 0; id < specs.length; id++)
        {
            final Open t = open[id];
            if (t.position != 0)
            {
                final long value = portfolio.markedValue(id);
                t.realized += value - t.cost;
                t.exitNotional += Math.abs(value);
                t.exitQuantity += Math.abs(t.position);
                close(id, timeNs, reason);
            }
        }
    }

    /** @return the trades closed so far, in the order they closed. */
    List<RunRecorder.Trade> trades()
    {
        return trades;
    }

    /** @return {@code value * numerator / denominator}, rounded half even, without overflow. */
    private static long part(final long value, final long numerator, final long denominator)
    {
        if (numerator == denominator)
        {
            return value;
        }
        final BigInteger[] qr = BigInteger.valueOf(value).multiply(BigInteger.valueOf(numerator))
            .divideAndRemainder(BigInteger.valueOf(denominator));
        final int half = qr[1].abs().shiftLeft(1).compareTo(BigInteger.valueOf(denominator));
        long q = qr[0].longValueExact();
        if (half > 0 || half == 0 && (q & 1) != 0)
        {
            q += qr[1].signum();
        }
        return q;
    }

    private void close(final int id, final long timeNs, final RunRecorder.ExitReason reason)
    {
        final Open t = open[id];
        trades.add(new RunRecorder.Trade(id, t.direction, t.entryNs, timeNs, t.entryNotional, t.entryQuantity,
            t.exitNotional, t.exitQuantity, t.realized, t.fees, reason, t.shares));
        open[id] = new Open();
    }
}
