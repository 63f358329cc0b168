package io.keel.app.daemon;

import io.keel.testing.Await;
import io.keel.app.TrainedModels;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.OrderType;
import io.keel.core.event.RejectReason;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.core.metrics.MetricBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The panel's controls on a running paper daemon, checked in its journal: stop new entries (only risk-reducing orders
 * until resumed, entries vetoed as ENTRIES_STOPPED), cancel one order, close one position, flatten all (the kill switch
 * engaged, every position closed by market orders, nothing else sent).
 */
class OperatorCommandsTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);


    private static void await(final String what, final BooleanSupplier condition)
    {
        Await.await(condition, Duration.ofSeconds(60), what);
    }

    private static double sum(final MetricBoard board, final String name, final String symbol)
    {
        double total = 0;
        for (final MetricBoard.Series s : board.series())
        {
            if (s.name().equals(name) && (symbol == null || symbol.equals(s.labels().get("symbol"))))
            {
                total += board.value(s);
            }
        }
        return total;
    }

    /** @return true when the journal has a CLOSE_POSITION of BTC issued while BTC was held. */
    private static boolean closedAHeldPosition(final Path journal)
    {
        long position = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event e = new Event();
            final DecisionRecord d = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(e, d)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind != RecordKind.EVENT)
                {
                    continue;
                }
                if (e.type == EventType.OPERATOR_COMMAND && e.command == OperatorCommand.CLOSE_POSITION &&
                    position != 0)
                {
                    return true;
                }
                if (e.type == EventType.EXECUTION_REPORT && e.instrumentId == 0 && e.quantity > 0 &&
                    (e.execType == ExecType.FILLED || e.execType == ExecType.PARTIALLY_FILLED))
                {
                    position += e.side.sign() * e.quantity;
                }
            }
        }
        return false;
    }

    private static boolean terminal(final ExecType type)
    {
        return type == ExecType.FILLED || type == ExecType.CANCELED || type == ExecType.REJECTED ||
            type == ExecType.EXPIRED;
    }

    /** @return an order the journal shows sent and not finished yet, or -1. */
    private static long workingOrder(final Path journal)
    {
        final Set<Long> working = new HashSet<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event e = new Event();
            final DecisionRecord d = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(e, d)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.EVENT && e.type == EventType.ORDER_INTENT && e.command == OperatorCommand.NONE &&
                    e.orderType == OrderType.LIMIT)
                {
                    working.add(e.clientOrderId);
                }
                else if (kind == RecordKind.EVENT && e.type == EventType.EXECUTION_REPORT && terminal(e.execType))
                {
                    working.remove(e.clientOrderId);
                }
            }
        }
        return working.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    @Test
    void shouldStopEntriesCancelAnOrderCloseAPositionAndFlattenAll(@TempDir final Path dir) throws Exception
    {
        final Path config = TrainedModels.builtInConfig(dir.resolve("config"));
        final Path scalp = config.resolve("modes/crypto_scalp.yaml");
        Files.writeString(scalp, Files.readString(scalp).replace("  eventsPerSecond: 50\n",
            "  eventsPerSecond: 2000\n"));
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(config), "crypto_scalp");
        final Path journal = dir.resolve("journal");
        final AtomicReference<MetricBoard> boardRef = new AtomicReference<>();
        final Daemon daemon = new Daemon(loaded, journal, Long.MAX_VALUE, true, "test")
            .stateDirectory(dir.resolve("state")).metrics(boardRef::set);
        final Thread runner = new Thread(daemon::run, "daemon");
        runner.start();
        try
        {
            await("the board", () -> boardRef.get() != null && daemon.running());
            final MetricBoard board = boardRef.get();
            await("orders and positions", () -> sum(board, "keel_orders_submitted_total", null) >= 6 &&
                sum(board, "keel_position", "BTCUSDT") != 0);
            final long[] working = {-1};
            await("a resting limit order to cancel", () -> (working[0] = workingOrder(journal)) > 0);
            assertTrue(daemon.command(OperatorCommand.CANCEL_ORDER, -1, working[0], "test", "cancel one"));
            assertTrue(daemon.command(OperatorCommand.STOP_ENTRIES, "test", "stop entries"));
            final double vetoed = sum(board, "keel_orders_rejected_total", null);
            await("entries vetoed", () -> sum(board, "keel_orders_rejected_total", null) > vetoed + 2);
            assertTrue(daemon.command(OperatorCommand.RESUME_ENTRIES, "test", "resume"));
            final double sent = sum(board, "keel_orders_submitted_total", null);
            await("trading again", () -> sum(board, "keel_orders_submitted_total", null) > sent + 2);
            // the strategy may close BTC itself just before the command lands: then the close had nothing to do,
            // and it is asked again (the journal tells which)
            for (int attempt = 0; attempt < 10 && !closedAHeldPosition(journal); attempt++)
            {
                await("a BTC position to close", () -> sum(board, "keel_position", "BTCUSDT") != 0);
                assertTrue(daemon.command(OperatorCommand.CLOSE_POSITION, 0, 0, "test", "close BTC"));
                await("BTC closed", () -> sum(board, "keel_position", "BTCUSDT") == 0);
            }
            await("a position to flatten", () -> sum(board, "keel_position", "BTCUSDT") != 0 ||
                sum(board, "keel_position", "ETHUSDT") != 0);
            assertTrue(daemon.command(OperatorCommand.FLATTEN_ALL, "test", "flatten"));
            await("flat", () -> sum(board, "keel_position", "BTCUSDT") == 0 &&
                sum(board, "keel_position", "ETHUSDT") == 0 && daemon.killSwitchEngaged());
        }
        finally
        {
            daemon.requestStop();
            runner.join(30_000);
        }
        check(journal, loaded.instruments().size());
    }

    /** Replays the journal's orders and fills, checking each window's rule. */
    private static void check(final Path journal, final int instruments)
    {
        final long[] position = new long[instruments];
        OperatorCommand window = OperatorCommand.NONE;
        long cancelTarget = -1;
        boolean cancelSeen = false;
        boolean finishedBefore = false;
        final Set<Long> finished = new HashSet<>();
        int stoppedVetoes = 0;
        int flattenOrders = 0;
        long positionAtClose = 0;
        boolean heldAtSomeClose = false;
        boolean closedWithOrders = false;
        long positionAtFlatten = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            final Event e = new Event();
            final DecisionRecord d = new DecisionRecord();
            byte kind;
            while ((kind = reader.next(e, d)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.DECISION && d.verdict == RejectReason.ENTRIES_STOPPED)
                {
                    assertEquals(OperatorCommand.STOP_ENTRIES, window, "ENTRIES_STOPPED only while stopped");
                    stoppedVetoes++;
                }
                if (kind != RecordKind.EVENT)
                {
                    continue;
                }
                if (e.type == EventType.OPERATOR_COMMAND && e.command != OperatorCommand.SHUTDOWN)
                {
                    window = e.command;
                    if (e.command == OperatorCommand.CLOSE_POSITION)
                    {
                        positionAtClose = position[e.instrumentId];
                        heldAtSomeClose |= positionAtClose != 0;
                    }
                    if (e.command == OperatorCommand.FLATTEN_ALL)
                    {
                        for (final long p : position)
                        {
                            positionAtFlatten += Math.abs(p);
                        }
                    }
                    if (e.command == OperatorCommand.CANCEL_ORDER)
                    {
                        cancelTarget = e.clientOrderId;
                        finishedBefore = finished.contains(cancelTarget);
                    }
                }
                else if (e.type == EventType.ORDER_INTENT && e.command == OperatorCommand.CANCEL_ALL)
                {
                    cancelSeen |= e.clientOrderId == cancelTarget;
                }
                else if (e.type == EventType.ORDER_INTENT)
                {
                    final long before = position[e.instrumentId];
                    final long after = before + e.side.sign() * e.quantity;
                    final boolean reduces = before != 0 && Math.abs(after) <= Math.abs(before) &&
                        Long.signum(after) * Long.signum(before) >= 0;
                    if (window == OperatorCommand.STOP_ENTRIES || window == OperatorCommand.FLATTEN_ALL)
                    {
                        assertTrue(reduces, window + ": only risk-reducing orders, not " + e + " at " + before);
                    }
                    if (window == OperatorCommand.FLATTEN_ALL)
                    {
                        assertEquals(OrderType.MARKET, e.orderType, "flatten uses market orders");
                        flattenOrders++;
                    }
                    if (window == OperatorCommand.CLOSE_POSITION && e.instrumentId == 0 && e.orderType ==
                        OrderType.MARKET)
                    {
                        assertTrue(reduces, "close: only closing orders for BTC, not " + e);
                        closedWithOrders |= positionAtClose != 0;
                    }
                }
                else if (e.type == EventType.EXECUTION_REPORT && e.quantity > 0 &&
                    (e.execType == ExecType.FILLED || e.execType == ExecType.PARTIALLY_FILLED))
                {
                    position[e.instrumentId] += e.side.sign() * e.quantity;
                }
                if (e.type == EventType.EXECUTION_REPORT && terminal(e.execType))
                {
                    finished.add(e.clientOrderId);
                }
            }
        }
        assertTrue(cancelSeen || finishedBefore, "the named order was canceled (or had finished already)");
        assertTrue(stoppedVetoes > 0, "entries were vetoed while stopped");
        assertTrue(heldAtSomeClose && closedWithOrders, "a close of a held BTC position sent market orders closing it");
        assertTrue(positionAtFlatten == 0 || flattenOrders > 0, "flatten sent its closing orders");
        for (int id = 0; id < instruments; id++)
        {
            assertEquals(0, position[id], "flat after flatten-all");
        }
    }
}
