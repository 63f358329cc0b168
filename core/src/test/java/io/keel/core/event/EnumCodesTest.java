package io.keel.core.event;

import io.keel.core.Side;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every enum the journal persists keeps the code it had when journals were first written with it: the codes below
 * are the ones on disk (they were the ordinals before codes became explicit). Reordering the constants changes
 * nothing; changing a code fails here.
 */
class EnumCodesTest
{
    @Test
    void shouldKeepEveryPersistedCodeAsJournalsHaveIt()
    {
        pinned(ExecType.values(), ExecType::code, ExecType::fromCode, "NONE ACKED PARTIALLY_FILLED FILLED CANCELED " +
            "REJECTED EXPIRED UNKNOWN FEE_IN_KIND");
        pinned(OperatorCommand.values(), OperatorCommand::code, OperatorCommand::fromCode, "NONE KILL RESET_KILL " +
            "CANCEL_ALL SHUTDOWN FLATTEN_ALL REPLACE STOP_ENTRIES RESUME_ENTRIES CANCEL_ORDER CLOSE_POSITION");
        pinned(OrderType.values(), OrderType::code, OrderType::fromCode, "NONE MARKET LIMIT");
        pinned(RejectReason.values(), RejectReason::code, RejectReason::fromCode, "NONE KILL_SWITCH " +
            "MAX_ORDER_NOTIONAL MAX_POSITION DAILY_LOSS_STOP BELOW_MIN_NOTIONAL ORDER_PENDING NO_LIQUIDITY " +
            "UNKNOWN_ORDER INVALID_ORDER INSTRUMENT_HALTED MAX_ORDER_QUANTITY PRICE_COLLAR GROSS_EXPOSURE " +
            "NET_EXPOSURE CREDIT_LIMIT DUPLICATE_ORDER THROTTLED SELF_TRADE TICK_SIZE LOT_SIZE VOLATILITY_HALT " +
            "FEED_DIVERGENCE DRAWDOWN_STOP ENTRIES_STOPPED");
        pinned(QualityCode.values(), QualityCode::code, QualityCode::fromCode, "NONE STALE_FEED SEQUENCE_GAP " +
            "CROSSED_BOOK BAD_PRINT OUT_OF_ORDER DUPLICATE STUB_QUOTE LOCKED_BOOK CLOCK_SKEW TRUNCATED_SESSION " +
            "BOOK_RESYNCED TRADING_HALT");
        pinned(ConfigKey.values(), ConfigKey::code, ConfigKey::fromCode, "NONE MAX_ORDER_NOTIONAL_MONEY " +
            "MAX_POSITION_NOTIONAL_MONEY DAILY_LOSS_STOP_MONEY MODEL_ENABLED MODEL_EDGE_SCALE");
        pinned(Side.values(), Side::code, Side::fromCode, "NONE BUY SELL");
        pinned(EventType.values(), EventType::code, EventType::fromCode, "NONE TRADE QUOTE BOOK_LEVEL BAR " +
            "FUNDING_RATE TIMER OPERATOR_COMMAND ORDER_INTENT EXECUTION_REPORT QUALITY_FLAG CONFIG_CHANGE " +
            "CORPORATE_ACTION");
    }

    /** A reordered enum: declared in another order than its codes. */
    enum Reordered
    {
        LIMIT(2), NONE(0), MARKET(1);

        private static final Reordered[] BY_CODE = EnumCodes.byCode(Reordered.class, Reordered::code);
        private final int code;

        Reordered(final int code)
        {
            this.code = code;
        }

        int code()
        {
            return code;
        }

        static Reordered fromCode(final int code)
        {
            return EnumCodes.lookup(BY_CODE, code);
        }
    }

    enum Clashing
    {
        A, B
    }

    @Test
    void shouldReadByCodeNotOrdinalWhenConstantsAreReordered()
    {
        assertEquals(0, Reordered.LIMIT.ordinal());
        assertSame(Reordered.LIMIT, Reordered.fromCode(OrderType.LIMIT.code()), "code 2 means LIMIT in any order");
        assertSame(Reordered.NONE, Reordered.fromCode(0));
        assertNull(Reordered.fromCode(3));
        assertNull(Reordered.fromCode(-1));
    }

    @Test
    void shouldRefuseTwoValuesWithOneCodeOrACodeThatIsNotAByte()
    {
        final IllegalStateException clash = assertThrows(IllegalStateException.class,
            () -> EnumCodes.byCode(Clashing.class, c -> 1));
        assertTrue(clash.getMessage().contains("share the code 1"), clash.getMessage());
        final IllegalStateException large = assertThrows(IllegalStateException.class,
            () -> EnumCodes.byCode(Clashing.class, c -> c.ordinal() + 200));
        assertTrue(large.getMessage().contains("outside [0, 127]"), large.getMessage());
    }

    private static <E extends Enum<E>> void pinned(final E[] values, final Function<E, Number> code,
        final IntFunction<E> fromCode, final String namesByCode)
    {
        final List<String> names = List.of(namesByCode.split(" "));
        final Map<String, Integer> actual = new LinkedHashMap<>();
        for (final E value : values)
        {
            actual.put(value.name(), code.apply(value).intValue());
            assertSame(value, fromCode.apply(code.apply(value).intValue()), value + " round trip");
        }
        final Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++)
        {
            expected.put(names.get(i), i);
        }
        assertEquals(expected.size(), actual.size(), "a new value needs its code pinned here: " + actual);
        for (final Map.Entry<String, Integer> e : expected.entrySet())
        {
            assertEquals(e.getValue(), actual.get(e.getKey()), values[0].getDeclaringClass().getSimpleName() + "." +
                e.getKey() + " changed its journal code");
        }
    }
}
