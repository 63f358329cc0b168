package io.keel.ingest.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.FixedPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a raw Binance capture: one message per line, {@code <local receive time, ns since epoch> <raw JSON>}, the
 * JSON being a combined-stream envelope ({@code {"stream":...,"data":...}}) of a {@code depthUpdate},
 * {@code bookTicker} or {@code trade}, or a REST depth snapshot ({@code {"lastUpdateId":...}}). Prices and
 * quantities are parsed exactly at the given scales. A line that does not parse is reported to the listener with its
 * line number and reading goes on. Cold path (importer, recorder): allocates per line.
 */
public final class BinanceCaptureReader
{
    /** Receives the messages of a capture in file order. */
    public interface Listener
    {
        /** A depth diff (snapshot false) or REST snapshot (snapshot true); the update is reused after the call. */
        void onDepth(long receiveNs, DepthUpdate update);

        /** A best bid/offer update; {@code updateId} shares the depth diffs' id space. */
        void onBookTicker(long receiveNs, long eventTimeMs, long updateId, long bidPrice, long bidQuantity,
            long askPrice, long askQuantity);

        /** A trade; {@code buyerIsMaker} true means the seller was the aggressor. */
        void onTrade(long receiveNs, long eventTimeMs, long tradeId, long price, long quantity, boolean buyerIsMaker);

        /** A line that could not be read. */
        void onMalformed(long lineNumber, String line, String reason);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int priceScale;
    private final int quantityScale;
    private final DepthUpdate depth = new DepthUpdate();
    private String symbol;

    /**
     * @param priceScale    decimals of the instrument's prices.
     * @param quantityScale decimals of its quantities.
     */
    public BinanceCaptureReader(final int priceScale, final int quantityScale)
    {
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
    }

    /** Reads every line of {@code file}. @return lines read. */
    public long read(final Path file, final Listener listener) throws IOException
    {
        long lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                lineNumber++;
                if (!line.isBlank())
                {
                    readLine(lineNumber, line, listener);
                }
            }
        }
        return lineNumber;
    }

    private static final int DEPTH = 1;
    private static final int TICKER = 2;
    private static final int TRADE = 3;

    private final long[] values = new long[7];
    private boolean flag;

    /**
     * Reads one capture line. A line that does not parse goes to {@link Listener#onMalformed}; an exception thrown
     * by the listener itself propagates.
     */
    public void readLine(final long lineNumber, final String line, final Listener listener)
    {
        final int kind;
        try
        {
            final int space = line.indexOf(' ');
            if (space <= 0)
            {
                throw new IllegalArgumentException("no '<receive ns> <json>' separator");
            }
            kind = parse(Long.parseLong(line, 0, space, 10), JSON.readTree(line.substring(space + 1)));
        }
        catch (final IOException | RuntimeException ex)
        {
            listener.onMalformed(lineNumber, line, ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return;
        }
        dispatch(kind, listener);
    }

    /**
     * Reads one message already parsed as JSON (a live connection's), received at {@code receiveNs}.
     *
     * @param sequence a message counter, for error reports.
     */
    public void readMessage(final long sequence, final long receiveNs, final JsonNode message, final Listener listener)
    {
        final int kind;
        try
        {
            kind = parse(receiveNs, message);
        }
        catch (final IOException | RuntimeException ex)
        {
            listener.onMalformed(sequence, String.valueOf(message), ex.getClass().getSimpleName() + ": " +
                ex.getMessage());
            return;
        }
        dispatch(kind, listener);
    }

    private void dispatch(final int kind, final Listener listener)
    {
        final long receiveNs = values[0];
        switch (kind)
        {
            case DEPTH -> listener.onDepth(receiveNs, depth);
            case TICKER -> listener.onBookTicker(receiveNs, values[1], values[2], values[3], values[4], values[5],
                values[6]);
            default -> listener.onTrade(receiveNs, values[1], values[2], values[3], values[4], flag);
        }
    }

    private int parse(final long receiveNs, final JsonNode root) throws IOException
    {
        values[0] = receiveNs;
        if (root.has("lastUpdateId"))
        {
            depth.clear();
            depth.snapshot = true;
            depth.lastId = root.get("lastUpdateId").asLong();
            depth.eventTimeMs = root.path("E").asLong(0);
            levels(root.get("bids"), true);
            levels(root.get("asks"), false);
            return DEPTH;
        }
        final JsonNode data = root.get("data");
        if (data == null)
        {
            throw new IllegalArgumentException("neither a stream envelope nor a depth snapshot");
        }
        final String stream = root.path("stream").asText();
        final int at = stream.indexOf('@');
        if (symbol == null && at > 0)
        {
            symbol = stream.substring(0, at).toUpperCase(java.util.Locale.ROOT);
        }
        if (stream.contains("@depth"))
        {
            depth.clear();
            depth.firstId = data.get("U").asLong();
            depth.lastId = data.get("u").asLong();
            depth.previousLastId = data.has("pu") ? data.get("pu").asLong() : -1;
            depth.eventTimeMs = data.path("E").asLong(0);
            levels(data.get("b"), true);
            levels(data.get("a"), false);
            return DEPTH;
        }
        values[1] = data.path("E").asLong(0);
        if (stream.endsWith("@bookTicker"))
        {
            values[2] = data.get("u").asLong();
            values[3] = price(data.get("b"));
            values[4] = quantity(data.get("B"));
            values[5] = price(data.get("a"));
            values[6] = quantity(data.get("A"));
            return TICKER;
        }
        if (stream.endsWith("@trade"))
        {
            values[2] = data.get("t").asLong();
            values[3] = price(data.get("p"));
            values[4] = quantity(data.get("q"));
            flag = data.get("m").asBoolean();
            return TRADE;
        }
        throw new IllegalArgumentException("unknown stream '" + stream + "'");
    }

    /** @return the symbol of the first stream message read (e.g. BTCUSDT), or null before one. */
    public String symbol()
    {
        return symbol;
    }

    /** @return the symbol named by the first stream message of a capture file, or null. */
    public static String peekSymbol(final Path file) throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final int start = line.indexOf("\"stream\":\"");
                if (start >= 0)
                {
                    final int from = start + "\"stream\":\"".length();
                    final int at = line.indexOf('@', from);
                    return at > from ? line.substring(from, at).toUpperCase(java.util.Locale.ROOT) : null;
                }
            }
        }
        return null;
    }

    private void levels(final JsonNode levels, final boolean bid)
    {
        if (levels == null || !levels.isArray())
        {
            throw new IllegalArgumentException("missing price levels");
        }
        for (final JsonNode level : levels)
        {
            final long price = price(level.get(0));
            final long quantity = quantity(level.get(1));
            if (bid)
            {
                depth.addBid(price, quantity);
            }
            else
            {
                depth.addAsk(price, quantity);
            }
        }
    }

    private long price(final JsonNode node)
    {
        return FixedPoint.parse(node.asText(), priceScale);
    }

    private long quantity(final JsonNode node)
    {
        return FixedPoint.parse(node.asText(), quantityScale);
    }
}
