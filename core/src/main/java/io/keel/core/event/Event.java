package io.keel.core.event;

import io.keel.core.Side;

/**
 * One preallocated, mutable ring slot. Which fields are meaningful depends on {@link #type}:
 * <ul>
 *   <li>TRADE: side (aggressor), price, quantity.</li>
 *   <li>QUOTE: bidPrice, bidQuantity, askPrice, askQuantity.</li>
 *   <li>BOOK_LEVEL: side, level (0 = best), price, quantity (0 removes the level).</li>
 *   <li>BAR: open, high, low, price (close), quantity (volume), value (bar length ns).</li>
 *   <li>FUNDING_RATE: value (rate in parts per billion per funding interval).</li>
 *   <li>TIMER: value (timer id).</li>
 *   <li>OPERATOR_COMMAND: command, instrumentId (-1 for all).</li>
 *   <li>ORDER_INTENT: clientOrderId, side, orderType, price (limit, 0 for market), quantity; command CANCEL_ALL
 *       with clientOrderId set asks to cancel that order.</li>
 *   <li>EXECUTION_REPORT: clientOrderId, execType, side, price and quantity of the last fill, leavesQuantity, fee
 *       (money units), rejectReason.</li>
 *   <li>QUALITY_FLAG: qualityCode, level (1 = the condition is raised, 0 = it has cleared), value (the offending
 *       price, gap id, skew ms... per code).</li>
 *   <li>CONFIG_CHANGE: configKey, value, level (the target of a per-model key: the model's index).</li>
 *   <li>ORDER_INTENT with command REPLACE: value is the client order id being replaced.</li>
 *   <li>CORPORATE_ACTION: a split effective at the session open: value new shares for quantity old shares
 *       (7 for 1: value 7, quantity 1; a 1:20 reverse split: value 1, quantity 20).</li>
 * </ul>
 * Prices and quantities are fixed-point in the instrument's scales; money in {@link io.keel.core.FixedPoint} money
 * units. Not thread safe: a slot is owned by its publisher until published, then by the consumer.
 */
public final class Event
{
    public EventType type = EventType.NONE;
    /** Ordinal of the event in the inbound stream, assigned by the journaling consumer; 0 before. */
    public long sequence;
    /** Event time in epoch nanoseconds, stamped by the source (venue, timer, operator). */
    public long timestampNs;
    public int instrumentId;
    public Side side = Side.NONE;
    public long price;
    public long quantity;
    public int level;
    public long bidPrice;
    public long bidQuantity;
    public long askPrice;
    public long askQuantity;
    public long open;
    public long high;
    public long low;
    public long value;
    public long clientOrderId;
    /** ORDER_INTENT: the parent order an execution algorithm works this child for; 0 for a direct order. */
    public long parentOrderId;
    public OrderType orderType = OrderType.NONE;
    public ExecType execType = ExecType.NONE;
    public long leavesQuantity;
    public long fee;
    public RejectReason rejectReason = RejectReason.NONE;
    public OperatorCommand command = OperatorCommand.NONE;
    public QualityCode qualityCode = QualityCode.NONE;
    public ConfigKey configKey = ConfigKey.NONE;

    /** Clears every field so no value leaks from the previous use of the slot. */
    public Event reset()
    {
        type = EventType.NONE;
        sequence = 0;
        timestampNs = 0;
        instrumentId = 0;
        side = Side.NONE;
        price = 0;
        quantity = 0;
        level = 0;
        bidPrice = 0;
        bidQuantity = 0;
        askPrice = 0;
        askQuantity = 0;
        open = 0;
        high = 0;
        low = 0;
        value = 0;
        clientOrderId = 0;
        parentOrderId = 0;
        orderType = OrderType.NONE;
        execType = ExecType.NONE;
        leavesQuantity = 0;
        fee = 0;
        rejectReason = RejectReason.NONE;
        command = OperatorCommand.NONE;
        qualityCode = QualityCode.NONE;
        configKey = ConfigKey.NONE;
        return this;
    }

    /** Copies every field of {@code source} into this slot. */
    public Event copyFrom(final Event source)
    {
        type = source.type;
        sequence = source.sequence;
        timestampNs = source.timestampNs;
        instrumentId = source.instrumentId;
        side = source.side;
        price = source.price;
        quantity = source.quantity;
        level = source.level;
        bidPrice = source.bidPrice;
        bidQuantity = source.bidQuantity;
        askPrice = source.askPrice;
        askQuantity = source.askQuantity;
        open = source.open;
        high = source.high;
        low = source.low;
        value = source.value;
        clientOrderId = source.clientOrderId;
        parentOrderId = source.parentOrderId;
        orderType = source.orderType;
        execType = source.execType;
        leavesQuantity = source.leavesQuantity;
        fee = source.fee;
        rejectReason = source.rejectReason;
        command = source.command;
        qualityCode = source.qualityCode;
        configKey = source.configKey;
        return this;
    }

    /** Fills this slot as a trade print. */
    public Event trade(final long tsNs, final int instrument, final Side aggressor, final long px, final long qty)
    {
        reset();
        type = EventType.TRADE;
        timestampNs = tsNs;
        instrumentId = instrument;
        side = aggressor;
        price = px;
        quantity = qty;
        return this;
    }

    /** Fills this slot as a top-of-book quote. */
    public Event quote(
        final long tsNs, final int instrument, final long bidPx, final long bidQty, final long askPx, final long askQty)
    {
        reset();
        type = EventType.QUOTE;
        timestampNs = tsNs;
        instrumentId = instrument;
        bidPrice = bidPx;
        bidQuantity = bidQty;
        askPrice = askPx;
        askQuantity = askQty;
        return this;
    }

    /** Fills this slot as a replacement of one book level. */
    public Event bookLevel(
        final long tsNs, final int instrument, final Side bookSide, final int levelIndex, final long px, final long qty)
    {
        reset();
        type = EventType.BOOK_LEVEL;
        timestampNs = tsNs;
        instrumentId = instrument;
        side = bookSide;
        level = levelIndex;
        price = px;
        quantity = qty;
        return this;
    }

    /** Fills this slot as a timer tick. */
    public Event timer(final long tsNs, final long timerId)
    {
        reset();
        type = EventType.TIMER;
        timestampNs = tsNs;
        instrumentId = -1;
        value = timerId;
        return this;
    }

    /** Fills this slot as an operator command. */
    public Event operatorCommand(final long tsNs, final OperatorCommand operatorCommand, final int instrument)
    {
        reset();
        type = EventType.OPERATOR_COMMAND;
        timestampNs = tsNs;
        command = operatorCommand;
        instrumentId = instrument;
        return this;
    }

    /** Fills this slot as a live configuration change (journaled: a replay applies it at the same point). */
    public Event configChange(final long tsNs, final ConfigKey key, final int target, final long newValue)
    {
        reset();
        type = EventType.CONFIG_CHANGE;
        timestampNs = tsNs;
        instrumentId = -1;
        configKey = key;
        level = target;
        value = newValue;
        return this;
    }

    /** Fills this slot as a data-quality finding about an instrument. */
    public Event qualityFlag(
        final long tsNs, final int instrument, final QualityCode code, final boolean raised, final long detail)
    {
        reset();
        type = EventType.QUALITY_FLAG;
        timestampNs = tsNs;
        instrumentId = instrument;
        qualityCode = code;
        level = raised ? 1 : 0;
        value = detail;
        return this;
    }

    /** Fills this slot as a split of {@code newShares} for {@code oldShares}. */
    public Event split(final long tsNs, final int instrument, final long newShares, final long oldShares)
    {
        reset();
        type = EventType.CORPORATE_ACTION;
        timestampNs = tsNs;
        instrumentId = instrument;
        value = newShares;
        quantity = oldShares;
        return this;
    }

    /** Fills this slot as an execution report. */
    public Event executionReport(
        final long tsNs,
        final int instrument,
        final long orderId,
        final ExecType exec,
        final Side orderSide,
        final long lastPrice,
        final long lastQuantity,
        final long leaves,
        final long feeMoney,
        final RejectReason reason)
    {
        reset();
        type = EventType.EXECUTION_REPORT;
        timestampNs = tsNs;
        instrumentId = instrument;
        clientOrderId = orderId;
        execType = exec;
        side = orderSide;
        price = lastPrice;
        quantity = lastQuantity;
        leavesQuantity = leaves;
        fee = feeMoney;
        rejectReason = reason;
        return this;
    }

    @Override
    public String toString()
    {
        return type + "{seq=" + sequence + ", ts=" + timestampNs + ", instrument=" + instrumentId + ", side=" + side +
            ", price=" + price + ", qty=" + quantity + ", level=" + level + ", bid=" + bidPrice + "x" + bidQuantity +
            ", ask=" + askPrice + "x" + askQuantity + ", value=" + value + ", clOrdId=" + clientOrderId +
            ", parent=" + parentOrderId + ", orderType=" + orderType + ", exec=" + execType + ", leaves=" +
            leavesQuantity + ", fee=" + fee + ", reject=" + rejectReason + ", command=" + command + ", quality=" +
            qualityCode + ", key=" + configKey + "}";
    }
}
