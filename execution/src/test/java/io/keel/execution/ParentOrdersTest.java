package io.keel.execution;

import io.keel.core.AssetClass;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.AlgoKind;
import io.keel.core.event.Event;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's parent orders: an algorithm's children go out one at a time as intents naming their parent, with client
 * ids derived from the event that caused them; fills move the parent on; a veto, a venue reject, a stop or the end of
 * the horizon ends it, and no child is sent after that.
 */
class ParentOrdersTest
{
    private static final InstrumentSpec BTC = new InstrumentSpec(0, "BTCUSDT", "BINANCE", AssetClass.CRYPTO_SPOT, 2,
        1, 6, 10, 0, "USDT", "CRYPTO_24_7");
    private static final long SECOND = 1_000_000_000L;
    private static final long BID = 6_500_000;
    private static final long ASK = 6_500_100;

    private final List<Event> intents = new ArrayList<>();
    private final List<Side> vetoed = new ArrayList<>();
    private boolean veto;
    private final OrderDesk desk = new OrderDesk(List.of(BTC), 100_000_000_000_000L, 0,
        e -> intents.add(new Event().copyFrom(e)));
    private long sequence = 100;
    private long lastFilled;

    private ParentOrders parents(final AlgoKind kind)
    {
        return new ParentOrders(desk, List.of(BTC), kind, 60_000, this::admit);
    }

    private boolean admit(final Event trigger, final int id, final Side side, final OrderType type, final long price,
        final long quantity)
    {
        if (veto)
        {
            vetoed.add(side);
        }
        return !veto;
    }

    private Event market(final long timeNs)
    {
        final Event e = new Event().quote(timeNs, 0, BID, 1_000_000, ASK, 1_000_000);
        e.sequence = ++sequence;
        return e;
    }

    /** Fills the last child completely at the ask, as the venue would report it. */
    private void fillLast(final ParentOrders parents, final long timeNs)
    {
        final Event child = intents.get(intents.size() - 1);
        if (child.clientOrderId == lastFilled)
        {
            return;
        }
        lastFilled = child.clientOrderId;
        final Event report = new Event().executionReport(timeNs, 0, child.clientOrderId, ExecType.FILLED, child.side,
            ASK, child.quantity, 0, 0, RejectReason.NONE);
        desk.onReport(report);
        parents.onReport(report, desk.lastReportState());
    }

    @Test
    void shouldSliceATwapParentIntoChildrenNamingItsParentAndFinishWhenFilled()
    {
        final ParentOrders parents = parents(AlgoKind.TWAP);
        final Event decision = market(0);
        final long parentId = OrderDesk.clientOrderId(decision.sequence, 0);
        parents.start(decision, 0, Side.BUY, 1_000, parentId, BID, ASK);
        assertEquals(1, intents.size(), "the first slice goes with the decision");
        for (int i = 1; i <= 60; i++)
        {
            fillLast(parents, i * SECOND - 1);
            parents.onMarket(market(i * SECOND), 0, BID, ASK);
            parents.onMarket(market(i * SECOND), 0, BID, ASK); // a second event: no second child while one works
        }
        fillLast(parents, 61 * SECOND);
        assertEquals(10, intents.size(), "ten slices: " + intents);
        long total = 0;
        for (final Event child : intents)
        {
            assertEquals(parentId, child.parentOrderId);
            assertEquals(ParentOrders.CHILD_ORDINAL, child.clientOrderId & 3, "a child's id is its event's, ordinal 1");
            assertEquals(Side.BUY, child.side);
            assertEquals(OrderType.MARKET, child.orderType);
            total += child.quantity;
        }
        assertEquals(1_000, total, "the slices add up to the parent");
        assertFalse(parents.live(0));
        assertEquals(1, parents.completed());
        assertEquals(10, parents.children());
    }

    @Test
    void shouldEndAParentWhenRiskVetoesAChildAndSendNothingAfter()
    {
        final ParentOrders parents = parents(AlgoKind.TWAP);
        parents.start(market(0), 0, Side.SELL, 1_000, 4, BID, ASK);
        fillLast(parents, SECOND);
        veto = true;
        parents.onMarket(market(7 * SECOND), 0, BID, ASK);
        assertEquals(List.of(Side.SELL), vetoed, "the second slice was checked and vetoed");
        assertFalse(parents.live(0), "a vetoed child ends its parent");
        veto = false;
        parents.onMarket(market(20 * SECOND), 0, BID, ASK);
        assertEquals(1, intents.size(), "nothing sent after the veto");
        assertEquals(1, parents.abandoned());
    }

    @Test
    void shouldEndAParentWhenTheVenueRejectsAChild()
    {
        final ParentOrders parents = parents(AlgoKind.MARKET);
        parents.start(market(0), 0, Side.BUY, 1_000, 4, BID, ASK);
        final Event child = intents.get(0);
        final Event reject = new Event().executionReport(SECOND, 0, child.clientOrderId, ExecType.REJECTED, Side.BUY,
            0, 0, 0, 0, RejectReason.NO_LIQUIDITY);
        desk.onReport(reject);
        parents.onReport(reject, desk.lastReportState());
        assertFalse(parents.live(0));
        parents.onMarket(market(2 * SECOND), 0, BID, ASK);
        assertEquals(1, intents.size(), "no retry into a refusal");
    }

    @Test
    void shouldCancelAPassiveChildOnceWhenStoppedAndEndWithItsCancel()
    {
        final ParentOrders parents = parents(AlgoKind.PASSIVE);
        parents.start(market(0), 0, Side.BUY, 1_000, 4, BID, ASK);
        assertEquals(OrderType.LIMIT, intents.get(0).orderType);
        assertEquals(BID, intents.get(0).price, "a passive buy joins the bid");
        final Event stop = market(SECOND);
        parents.stop(stop, 0);
        parents.stop(market(2 * SECOND), 0);
        parents.onMarket(market(3 * SECOND), 0, BID, ASK);
        assertEquals(2, intents.size(), "one cancel, however often stopped: " + intents);
        assertEquals(OperatorCommand.CANCEL_ALL, intents.get(1).command);
        assertTrue(parents.live(0), "live until the venue confirms the cancel");
        final Event canceled = new Event().executionReport(4 * SECOND, 0, intents.get(0).clientOrderId,
            ExecType.CANCELED, Side.BUY, 0, 0, 0, 0, RejectReason.NONE);
        desk.onReport(canceled);
        parents.onReport(canceled, desk.lastReportState());
        assertFalse(parents.live(0));
    }

    @Test
    void shouldStopEveryParentOnAnOperatorCancelAllWithoutASecondCancel()
    {
        final ParentOrders parents = parents(AlgoKind.ICEBERG);
        parents.start(market(0), 0, Side.SELL, 1_000, 4, BID, ASK);
        assertEquals(200, intents.get(0).quantity, "an iceberg shows a fifth");
        final Event command = new Event().operatorCommand(SECOND, OperatorCommand.CANCEL_ALL, -1);
        parents.onCommand(command);
        parents.onMarket(market(2 * SECOND), 0, BID, ASK);
        assertEquals(1, intents.size(), "the close-out sent the cancel; the parent sends neither cancel nor child");
    }

    @Test
    void shouldAbandonWhatIsLeftOnceTheHorizonHasPassed()
    {
        final ParentOrders parents = parents(AlgoKind.PASSIVE);
        parents.start(market(0), 0, Side.BUY, 1_000, 4, BID, ASK);
        final Event child = intents.get(0);
        final Event partial = new Event().executionReport(SECOND, 0, child.clientOrderId, ExecType.PARTIALLY_FILLED,
            Side.BUY, BID, 300, 700, 0, RejectReason.NONE);
        desk.onReport(partial);
        parents.onReport(partial, desk.lastReportState());
        parents.onMarket(market(61 * SECOND), 0, BID, ASK);
        assertEquals(OperatorCommand.CANCEL_ALL, intents.get(1).command, "past the horizon the child is pulled");
        final Event canceled = new Event().executionReport(62 * SECOND, 0, child.clientOrderId, ExecType.CANCELED,
            Side.BUY, 0, 0, 0, 0, RejectReason.NONE);
        desk.onReport(canceled);
        parents.onReport(canceled, desk.lastReportState());
        assertFalse(parents.live(0));
        assertEquals(1, parents.abandoned());
        assertEquals(0, parents.completed());
    }

    @Test
    void shouldFollowTheLastHorizonsVolumeProfileForVwap()
    {
        final ParentOrders parents = parents(AlgoKind.VWAP);
        // the minute before: all the volume traded in its last six seconds
        parents.onVolume(0, 54 * SECOND, 5_000);
        parents.start(market(60 * SECOND - 1), 0, Side.BUY, 1_000, 4, BID, ASK);
        assertEquals(0, intents.size(), "the profile puts nothing in the first buckets");
        for (int s = 61; s < 115; s++)
        {
            parents.onMarket(market(s * SECOND), 0, BID, ASK);
        }
        assertEquals(1, intents.size(), intents.toString());
        assertEquals(1_000, intents.get(0).quantity, "all of it in the last bucket");
    }
}
