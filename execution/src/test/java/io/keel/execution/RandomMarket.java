package io.keel.execution;

import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.EventType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A seeded random market and order flow, fed identically to two matchers. */
final class RandomMarket
{
    private RandomMarket()
    {
    }

    static void play(final long seed, final Matcher a, final EventSink aReports, final Matcher b,
        final EventSink bReports)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Event event = new Event();
        final List<Long> ids = new ArrayList<>();
        long ts = 1_000_000;
        long mid = 60_000_00;
        long nextId = 1;
        for (int step = 0; step < 3_000; step++)
        {
            ts += 100_000 + random.nextInt(2_000_000);
            final int instrument = random.nextInt(10) < 8 ? 0 : 1;
            final int what = random.nextInt(100);
            if (what < 45)
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final int level = random.nextInt(3);
                final long price = side == Side.BUY ? mid - level - random.nextInt(2) : mid + 1 + level +
                    random.nextInt(2);
                final long size = random.nextInt(10) == 0 ? 0 : 1_000 + random.nextInt(20_000);
                event.bookLevel(ts, instrument, side, level, price, size);
            }
            else if (what < 50)
            {
                event.quote(ts, instrument, mid, 1_000 + random.nextInt(9_000), mid + 1, 1_000 + random.nextInt(9_000));
            }
            else if (what < 75)
            {
                final int pick = random.nextInt(3);
                final Side aggressor = pick == 0 ? Side.BUY : pick == 1 ? Side.SELL : Side.NONE;
                event.trade(ts, instrument, aggressor, mid - 2 + random.nextInt(5), 100 + random.nextInt(8_000));
            }
            else if (what < 80)
            {
                mid += random.nextInt(3) - 1;
                continue;
            }
            else
            {
                final Event intent = new Event();
                intent.type = EventType.ORDER_INTENT;
                intent.timestampNs = ts;
                if (what < 86 && !ids.isEmpty())
                {
                    intent.command = OperatorCommand.CANCEL_ALL;
                    intent.clientOrderId = ids.get(random.nextInt(ids.size()));
                }
                else if (what < 89 && !ids.isEmpty())
                {
                    intent.command = OperatorCommand.REPLACE;
                    intent.value = ids.get(random.nextInt(ids.size()));
                    intent.clientOrderId = nextId++;
                    ids.add(intent.clientOrderId);
                    intent.instrumentId = instrument;
                    intent.side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    intent.orderType = OrderType.LIMIT;
                    intent.price = mid - 2 + random.nextInt(5);
                    intent.quantity = 100 + random.nextInt(15_000);
                }
                else
                {
                    intent.clientOrderId = nextId++;
                    ids.add(intent.clientOrderId);
                    intent.instrumentId = instrument;
                    intent.side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    intent.orderType = random.nextInt(3) == 0 ? OrderType.MARKET : OrderType.LIMIT;
                    intent.price = intent.orderType == OrderType.LIMIT ? mid - 2 + random.nextInt(5) : 0;
                    intent.quantity = 100 + random.nextInt(15_000);
                }
                a.onOrder(intent, aReports);
                b.onOrder(intent, bReports);
                continue;
            }
            a.onMarketEvent(event, aReports);
            b.onMarketEvent(event, bReports);
        }
    }
}
