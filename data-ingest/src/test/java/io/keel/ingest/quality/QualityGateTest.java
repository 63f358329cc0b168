package io.keel.ingest.quality;

import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.QualityCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A synthetic case for every class of finding, including those the shared data lacks. */
class QualityGateTest
{
    private static final InstrumentSpec SPY = new InstrumentSpec(0, "SPY", "SIM", AssetClass.EQUITY, 2, 1, 0, 1, 0,
        "USD", "NYSE");
    private final QualityGate gate = new QualityGate(List.of(SPY), 5, 0.5, 2.25, 0.5, 5_000_000_000L);
    private final List<String> flags = new ArrayList<>();
    private final Event e = new Event();

    private boolean check(final Event event)
    {
        return gate.check(event, f -> flags.add(f.qualityCode + (f.level == 1 ? "+" : "-") + f.value));
    }

    @Test
    void shouldFlagOutOfOrderTimestampsButPassTheEvent()
    {
        assertTrue(check(e.trade(2_000, 0, Side.BUY, 100_00, 1)));
        assertTrue(check(e.trade(1_500, 0, Side.BUY, 100_00, 1)));
        assertEquals(List.of("OUT_OF_ORDER+500"), flags);
    }

    @Test
    void shouldRaiseAndClearCrossedAndLockedQuotes()
    {
        check(e.quote(1, 0, 100_00, 1, 100_02, 1));
        check(e.quote(2, 0, 100_03, 1, 100_02, 1));
        check(e.quote(3, 0, 100_02, 1, 100_02, 1));
        check(e.quote(4, 0, 100_01, 1, 100_02, 1));
        assertEquals(List.of("CROSSED_BOOK+1", "CROSSED_BOOK-0", "LOCKED_BOOK+0", "LOCKED_BOOK--1"), flags);
        assertFalse(gate.isCrossed(0));
    }

    @Test
    void shouldDropStubQuotesAndBadPrintsButFollowARealMove()
    {
        for (int i = 0; i < 9; i++)
        {
            assertTrue(check(e.trade(i, 0, Side.BUY, 100_00 + i, 1)));
        }
        assertFalse(check(e.quote(10, 0, 1_00, 5, 100_10, 5)), "a $1.00 bid is a stub");
        assertFalse(check(e.trade(11, 0, Side.BUY, 6, 1)), "0.06 is a bad print");
        for (int i = 0; i < 4; i++)
        {
            assertFalse(check(e.trade(12 + i, 0, Side.SELL, 40_00, 1)), "a new level is not believed at once");
        }
        assertTrue(check(e.trade(20, 0, Side.SELL, 40_00, 1)), "the fifth print at the new level is");
        assertTrue(flags.contains("STUB_QUOTE+100") && flags.contains("BAD_PRINT+6"), flags.toString());
    }

    @Test
    void shouldFlagABarWhoseRangeIsASpike()
    {
        final Event bar = new Event();
        bar.type = EventType.BAR;
        bar.open = 645_57;
        bar.high = 645_57;
        bar.low = 92_23;
        bar.price = 92_42;
        assertFalse(check(bar));
        assertEquals(List.of("BAD_PRINT+64557"), flags);
    }

    @Test
    void shouldRaiseStaleFeedAtATimerAndClearItOnTheNextEvent()
    {
        check(e.trade(1_000_000_000L, 0, Side.BUY, 100_00, 1));
        gate.onTimer(5_000_000_000L, f -> flags.add(f.qualityCode + (f.level == 1 ? "+" : "-")));
        assertEquals(List.of(), flags, "4 s of silence is not 5");
        gate.onTimer(7_000_000_000L, f -> flags.add(f.qualityCode + (f.level == 1 ? "+" : "-")));
        gate.onTimer(8_000_000_000L, f -> flags.add(f.qualityCode + (f.level == 1 ? "+" : "-")));
        assertEquals(List.of("STALE_FEED+"), flags, "raised once");
        check(e.trade(9_000_000_000L, 0, Side.BUY, 100_00, 1));
        assertEquals("STALE_FEED-0", flags.get(1));
        assertEquals(QualityCode.STALE_FEED, QualityCode.valueOf("STALE_FEED"));
    }
}
