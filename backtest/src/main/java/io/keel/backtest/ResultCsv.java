package io.keel.backtest;

import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The results folder's CSV files of a pipeline backtest: {@code trades.csv} and {@code orders.csv}. */
final class ResultCsv
{
    private ResultCsv()
    {
    }

    private static String money(final long value)
    {
        return PipelineResults.money(value);
    }

    private static String price(final InstrumentSpec spec, final long notional, final long quantity)
    {
        if (quantity == 0)
        {
            return "";
        }
        return averagePrice(spec, notional, quantity).stripTrailingZeros().toPlainString();
    }

    /** @return the average price of {@code quantity} bought or sold for {@code notional} (money units), exact to two
     *     digits past the instrument's price scale. */
    static BigDecimal averagePrice(final InstrumentSpec spec, final long notional, final long quantity)
    {
        return BigDecimal.valueOf(notional, FixedPoint.MONEY_SCALE).divide(BigDecimal.valueOf(quantity,
            spec.quantityScale()), spec.priceScale() + 2, RoundingMode.HALF_EVEN);
    }

    /** Writes {@code trades.csv}: one round trip per row. */
    static void writeTrades(final Path file, final List<RunRecorder.Trade> trades, final InstrumentSpec[] specs)
        throws IOException
    {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            w.write("trade,symbol,direction,entry_time,exit_time,holding_seconds,quantity,entry_price,exit_price," +
                "gross_pnl,fees,net_pnl,exit_reason\n");
            int n = 0;
            for (final RunRecorder.Trade t : trades)
            {
                final InstrumentSpec spec = specs[t.instrument()];
                w.write(++n + "," + spec.symbol() + "," + (t.direction() > 0 ? "long" : "short") + "," +
                    Instant.ofEpochSecond(0, t.entryNs()) + "," + Instant.ofEpochSecond(0, t.exitNs()) + "," +
                    (t.exitNs() - t.entryNs()) / 1_000_000_000L + "," + FixedPoint.toText(t.entryQuantity(),
                    spec.quantityScale()) + "," + price(spec, t.entryNotional(), t.entryQuantity()) + "," +
                    price(spec, t.exitNotional(), t.exitQuantity()) + "," + money(t.grossPnl()) + "," +
                    money(t.fees()) + "," + money(t.netPnl()) + "," + t.reason().label + "\n");
            }
        }
    }

    /** Writes {@code orders.csv}: every order sent (an execution algorithm's children with their parent). */
    static void writeOrders(final Path file, final List<RunRecorder.Order> orders, final InstrumentSpec[] specs)
        throws IOException
    {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            w.write("order_id,time,symbol,side,type,limit_price,quantity,status,filled_quantity,average_fill_price," +
                "fees,cancel_requested,purpose,blend_edge_bps,parent_id,algo\n");
            for (final RunRecorder.Order o : orders)
            {
                if (o.side == null)
                {
                    continue; // decided but never sent (cannot happen in a backtest; kept safe)
                }
                final InstrumentSpec spec = specs[o.instrument];
                w.write(o.id + "," + Instant.ofEpochSecond(0, o.timeNs) + "," + spec.symbol() + "," + o.side + "," +
                    o.type + "," + (o.price == 0 ? "" : FixedPoint.toText(o.price, spec.priceScale())) + "," +
                    FixedPoint.toText(o.quantity, spec.quantityScale()) + "," + o.status + "," +
                    FixedPoint.toText(o.filled, spec.quantityScale()) + "," + price(spec, o.filledNotional,
                    o.filled) + "," + money(o.fees) + "," + o.cancelRequested + "," + (o.flatten ? "flatten" :
                    "signal") + "," + String.format(Locale.ROOT, "%.4f", o.edgeBps) + "," +
                    (o.parentId == 0 ? "" : Long.toString(o.parentId)) + "," + o.algo + "\n");
            }
        }
    }
}
