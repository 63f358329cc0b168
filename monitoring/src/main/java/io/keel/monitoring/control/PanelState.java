package io.keel.monitoring.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.decision.DecisionRecord;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.core.event.ExecType;
import io.keel.core.event.OperatorCommand;
import io.keel.core.event.RejectReason;
import io.keel.core.journal.JournalReader;
import io.keel.core.journal.RecordKind;
import io.keel.core.metrics.MetricBoard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the control panel shows, kept off the decision thread: orders, fills and decision records come from tailing
 * the run's journal (the decision thread already wrote them there; the panel costs it nothing), numbers from the
 * metric board. {@link #poll()} runs on the monitoring thread a few times a second; {@link #json()} is read by the
 * HTTP threads. Without a journal the panel still shows the board's numbers, and says orders are not available.
 */
public final class PanelState
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILLS = 50;
    private static final int DECISIONS = 200;
    private static final int EQUITY_POINTS = 3_600;

    private final DaemonControl daemon;
    private final java.util.function.BooleanSupplier waiting;
    private final Path journal;
    private final LoadedConfig loaded;
    private final Map<Long, ObjectNode> open = new LinkedHashMap<>();
    private final Deque<ObjectNode> fills = new ArrayDeque<>();
    private final Map<Long, ObjectNode> decisions = new LinkedHashMap<>();
    private final ObjectNode[] lastDecision;
    private final Deque<double[]> equity = new ArrayDeque<>();
    private final Event event = new Event();
    private final DecisionRecord record = new DecisionRecord();
    private JournalReader reader;
    private volatile MetricBoard board;
    private volatile io.keel.monitoring.FeedAge feeds;
    private long lastEquitySampleMs;
    private long intents;
    private volatile String snapshot = "{}";

    /**
     * @param journal the run's journal directory, or null when it runs without one.
     * @param waiting whether the process is stopped and waiting for the operator to start a run.
     */
    public PanelState(final DaemonControl daemon, final Path journal, final java.util.function.BooleanSupplier waiting)
    {
        this.waiting = waiting;
        this.daemon = daemon;
        this.journal = journal;
        this.loaded = daemon.config();
        this.lastDecision = new ObjectNode[loaded.instruments().size()];
    }

    /** The run's metric board, once declared. */
    public void board(final MetricBoard metricBoard)
    {
        this.board = metricBoard;
    }

    /** The feed-age sampler, once the board is bound. */
    public void feeds(final io.keel.monitoring.FeedAge feedAge)
    {
        this.feeds = feedAge;
    }

    /** @return the latest state as JSON. */
    public String json()
    {
        return snapshot;
    }

    /**
     * @return one order's decision record as JSON (a child order of an execution algorithm: its parent's), from the
     *         recent ones or else found in the journal; null when the journal has no decision for that id.
     */
    public String decision(final long clientOrderId)
    {
        synchronized (this)
        {
            final ObjectNode order = open.get(clientOrderId);
            final long id = order != null && order.path("parent").asLong() != 0 ? order.get("parent").asLong() :
                clientOrderId;
            final ObjectNode found = decisions.get(id);
            if (found != null)
            {
                return found.toString();
            }
        }
        if (journal == null || !Files.isDirectory(journal))
        {
            return null;
        }
        // an older order: read the journal for it (an HTTP thread, never the decision thread)
        try (JournalReader search = JournalReader.open(journal))
        {
            final Event e = new Event();
            final DecisionRecord d = new DecisionRecord();
            byte kind;
            while ((kind = search.next(e, d)) != RecordKind.END_OF_JOURNAL)
            {
                if (kind == RecordKind.DECISION && d.clientOrderId == clientOrderId)
                {
                    return describe(d).toString();
                }
                if (kind == RecordKind.EVENT && e.type == EventType.ORDER_INTENT && e.clientOrderId == clientOrderId &&
                    e.parentOrderId != 0)
                {
                    return decision(e.parentOrderId); // a child: why its parent was decided (journaled before it)
                }
            }
        }
        catch (final RuntimeException unreadable)
        {
            return null;
        }
        return null;
    }

    /** The last entries of the audit log: halts, resets and operator actions, with their reasons. */
    private void auditTail(final ObjectNode root)
    {
        final ArrayNode entries = root.putArray("audit");
        final Path state = daemon.stateDirectory();
        final Path file = state == null ? null : state.resolve("audit.log");
        if (file == null || !Files.isRegularFile(file))
        {
            return;
        }
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r"))
        {
            final long length = in.length();
            final long from = Math.max(0, length - 16_384);
            final byte[] tail = new byte[(int)(length - from)];
            in.seek(from);
            in.readFully(tail);
            final List<String> lines = new String(tail, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0 && entries.size() < 20; i--)
            {
                if (from > 0 && i == 0)
                {
                    break; // a line cut by the window
                }
                try
                {
                    entries.add(JSON.readTree(lines.get(i)));
                }
                catch (final java.io.IOException partial)
                {
                    // a line being written
                }
            }
        }
        catch (final java.io.IOException ex)
        {
            root.put("auditError", ex.getMessage());
        }
    }

    /** Reads what the journal gained since the last poll and rebuilds the snapshot. Monitoring thread only. */
    public synchronized void poll()
    {
        tail();
        final long nowMs = System.currentTimeMillis();
        final MetricBoard current = board;
        if (current != null && nowMs - lastEquitySampleMs >= 1_000)
        {
            lastEquitySampleMs = nowMs;
            equity.addLast(new double[] {nowMs / 1000.0, value(current, "keel_equity_usd", null, null)});
            while (equity.size() > EQUITY_POINTS)
            {
                equity.removeFirst();
            }
        }
        snapshot = build(current).toString();
    }

    private void tail()
    {
        if (journal == null)
        {
            return;
        }
        if (reader == null)
        {
            if (!Files.isDirectory(journal))
            {
                return;
            }
            try
            {
                reader = JournalReader.open(journal);
            }
            catch (final RuntimeException notYet)
            {
                return; // no queue file yet
            }
        }
        for (int i = 0; i < 100_000; i++)
        {
            final byte kind = reader.next(event, record);
            if (kind == RecordKind.END_OF_JOURNAL)
            {
                return;
            }
            if (kind == RecordKind.EVENT)
            {
                onEvent();
            }
            else if (kind == RecordKind.DECISION)
            {
                onDecision();
            }
        }
    }

    private String symbol(final int id)
    {
        final List<InstrumentSpec> specs = loaded.instruments();
        return id >= 0 && id < specs.size() ? specs.get(id).symbol() : "?";
    }

    private String price(final int id, final long units)
    {
        final List<InstrumentSpec> specs = loaded.instruments();
        return id >= 0 && id < specs.size() ? FixedPoint.toText(units, specs.get(id).priceScale()) : "0";
    }

    private String quantity(final int id, final long units)
    {
        final List<InstrumentSpec> specs = loaded.instruments();
        return id >= 0 && id < specs.size() ? FixedPoint.toText(units, specs.get(id).quantityScale()) : "0";
    }

    private void onEvent()
    {
        if (event.type == EventType.ORDER_INTENT && event.command != OperatorCommand.CANCEL_ALL)
        {
            intents++;
            final ObjectNode order = JSON.createObjectNode();
            order.put("id", event.clientOrderId).put("parent", event.parentOrderId)
                .put("symbol", symbol(event.instrumentId))
                .put("side", event.side.name()).put("type", event.orderType.name())
                .put("price", price(event.instrumentId, event.price))
                .put("quantity", quantity(event.instrumentId, event.quantity)).put("filled", "0")
                .put("state", "NEW").put("timeMs", event.timestampNs / 1_000_000);
            open.put(event.clientOrderId, order);
        }
        else if (event.type == EventType.EXECUTION_REPORT)
        {
            final ObjectNode order = open.get(event.clientOrderId);
            if ((event.execType == ExecType.FILLED || event.execType == ExecType.PARTIALLY_FILLED) &&
                event.quantity > 0)
            {
                final ObjectNode fill = JSON.createObjectNode();
                fill.put("id", event.clientOrderId).put("symbol", symbol(event.instrumentId))
                    .put("side", event.side.name()).put("price", price(event.instrumentId, event.price))
                    .put("quantity", quantity(event.instrumentId, event.quantity))
                    .put("fee", FixedPoint.toText(event.fee, FixedPoint.MONEY_SCALE))
                    .put("timeMs", event.timestampNs / 1_000_000);
                fills.addFirst(fill);
                while (fills.size() > FILLS)
                {
                    fills.removeLast();
                }
            }
            if (order != null)
            {
                order.put("state", event.execType.name());
                if (event.execType == ExecType.FILLED || event.execType == ExecType.CANCELED ||
                    event.execType == ExecType.REJECTED || event.execType == ExecType.EXPIRED)
                {
                    open.remove(event.clientOrderId);
                }
            }
        }
    }

    private void onDecision()
    {
        final ObjectNode d = describe(record);
        final int id = record.instrumentId;
        if (record.clientOrderId > 0)
        {
            decisions.put(record.clientOrderId, d);
        }
        else
        {
            decisions.put(-(long)decisions.size() - 1, d); // a vetoed decision has no order id
        }
        while (decisions.size() > DECISIONS)
        {
            decisions.remove(decisions.keySet().iterator().next());
        }
        if (id >= 0 && id < lastDecision.length)
        {
            lastDecision[id] = d;
        }
    }

    private ObjectNode describe(final DecisionRecord r)
    {
        final int id = r.instrumentId;
        final ObjectNode d = JSON.createObjectNode();
        d.put("id", r.clientOrderId).put("symbol", symbol(id)).put("timeMs", r.timestampNs / 1_000_000)
            .put("side", r.side.name()).put("quantity", quantity(id, r.orderQuantity))
            .put("referencePrice", price(id, r.referencePrice)).put("verdict", r.verdict.name())
            .put("algo", r.algo.label())
            .put("acted", r.verdict == RejectReason.NONE).put("blendEdgeBps", r.blendEdgeBps)
            .put("blendConfidence", r.blendConfidence).put("volatilityAnnual", r.volatilityAnnual)
            .put("position", quantity(id, r.positionQuantity))
            .put("target", quantity(id, r.targetQuantity))
            .put("equity", FixedPoint.toText(r.equityMoney, FixedPoint.MONEY_SCALE))
            .put("allocationScale", r.allocationScale).put("sized", quantity(id, r.sizedQuantity))
            .put("blendHorizonMs", r.blendHorizonNs / 1_000_000).put("grossOthersUsd", finite(r.grossOthersUsd))
            .put("varOthersUsd", finite(r.varOthersUsd));
        final ArrayNode models = d.putArray("models");
        final List<String> names = modelNames();
        for (int m = 0; m < r.modelCount; m++)
        {
            models.addObject().put("model", m < names.size() ? names.get(m) : "model" + m)
                .put("edgeBps", finite(r.modelEdgeBps[m])).put("confidence", finite(r.modelConfidence[m]))
                .put("weight", finite(r.modelWeight[m]));
        }
        return d;
    }

    private static double finite(final double value)
    {
        return Double.isFinite(value) ? value : 0;
    }

    private List<String> modelNames()
    {
        final MetricBoard current = board;
        final java.util.List<String> names = new java.util.ArrayList<>();
        if (current != null)
        {
            for (final MetricBoard.Series s : current.series())
            {
                final String model = s.labels().get("model");
                if (s.name().equals("keel_model_edge_bps") && !names.contains(model))
                {
                    names.add(model);
                }
            }
        }
        return names;
    }

    private static double value(final MetricBoard board, final String name, final String label, final String value)
    {
        for (final MetricBoard.Series s : board.series())
        {
            if (s.name().equals(name) && (label == null || value.equals(s.labels().get(label))))
            {
                return board.value(s);
            }
        }
        return Double.NaN;
    }

    private ObjectNode build(final MetricBoard current)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("mode", loaded.mode()).put("venue", daemon.live() ? "live" : "simulated")
            .put("trading", daemon.live() ? "live" : "paper").put("running", daemon.running())
            .put("waiting", waiting.getAsBoolean())
            .put("killSwitch", daemon.killSwitchEngaged()).put("journal", journal == null ? null : journal.toString())
            .put("intents", intents).put("serverTimeMs", System.currentTimeMillis());
        final ArrayNode chart = root.putArray("equity");
        for (final double[] point : equity)
        {
            chart.addArray().add(point[0]).add(point[1]);
        }
        if (current != null)
        {
            book(root, current);
        }
        final ArrayNode orders = root.putArray("openOrders");
        open.values().forEach(orders::add);
        final ArrayNode recent = root.putArray("fills");
        fills.forEach(recent::add);
        auditTail(root);
        final ArrayNode decided = root.putArray("decisions");
        final Object[] all = decisions.values().toArray();
        for (int i = all.length - 1; i >= 0 && i >= all.length - 30; i--)
        {
            decided.add((ObjectNode)all[i]);
        }
        return root;
    }

    private void book(final ObjectNode root, final MetricBoard current)
    {
        final ObjectNode book = root.putObject("book");
        final ObjectNode risk = root.putObject("risk");
        final ArrayNode limits = risk.putArray("limits");
        final ArrayNode breakers = risk.putArray("breakers");
        final Map<String, ObjectNode> instruments = new LinkedHashMap<>();
        for (final InstrumentSpec spec : loaded.instruments())
        {
            instruments.put(spec.symbol(), JSON.createObjectNode().put("symbol", spec.symbol()));
        }
        for (final MetricBoard.Series s : current.series())
        {
            if (s.kind() == MetricBoard.Kind.HISTOGRAM)
            {
                continue;
            }
            final double v = current.value(s);
            final String symbol = s.labels().get("symbol");
            final ObjectNode instrument = symbol == null ? null : instruments.get(symbol);
            switch (s.name())
            {
                case "keel_equity_usd", "keel_cash_usd", "keel_pnl_realized_usd", "keel_pnl_unrealized_usd",
                    "keel_pnl_day_usd", "keel_fees_usd", "keel_exposure_gross_usd", "keel_exposure_net_usd",
                    "keel_drawdown_intraday_usd", "keel_drawdown_ratio" ->
                    book.put(s.name().substring(5), finite(v));
                case "keel_var_usd", "keel_cvar_usd" -> book.put(s.name().substring(5) + "_" +
                    s.labels().get("method"), finite(v));
                case "keel_position", "keel_exposure_usd", "keel_symbol_pnl_usd", "keel_blend_edge_bps",
                    "keel_session_open" ->
                    instrument.put(s.name().substring(5), finite(v));
                case "keel_model_edge_bps", "keel_model_weight" ->
                    instrument.withObjectProperty("models").withObjectProperty(s.labels().get("model"))
                        .put(s.name().substring(11), finite(v));
                case "keel_limit_usd" -> limits.addObject().put("limit", s.labels().get("limit")).put("usd",
                    finite(v));
                case "keel_breaker_engaged" ->
                {
                    if (v > 0)
                    {
                        breakers.addObject().put("breaker", s.labels().get("breaker")).put("symbol", symbol);
                    }
                }
                default ->
                {
                }
            }
        }
        final io.keel.monitoring.FeedAge ages = feeds;
        if (ages != null)
        {
            ages.agesBySymbol().forEach((symbol, age) ->
            {
                if (instruments.containsKey(symbol))
                {
                    instruments.get(symbol).put("feedAgeSeconds", age);
                }
            });
        }
        final ArrayNode list = root.putArray("instruments");
        for (final InstrumentSpec spec : loaded.instruments())
        {
            final ObjectNode instrument = instruments.get(spec.symbol());
            final ObjectNode last = lastDecision[spec.id()];
            if (last != null)
            {
                instrument.put("lastVerdict", last.path("verdict").asText()).put("lastActed",
                    last.path("acted").asBoolean());
            }
            list.add(instrument);
        }
    }
}
