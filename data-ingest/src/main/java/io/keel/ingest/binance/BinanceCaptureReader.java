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

    /** Reads one capture line. */
    public void readLine(final long lineNumber, final String line, final Listener listener)
    {
        final int space = line.indexOf(' ');
        try
        {
            if (space <= 0)
            {
                throw new IllegalArgumentException("no '<receive ns> <json>' separator");
            }
            final long receiveNs = Long.parseLong(line, 0, space, 10);
            final JsonNode root = JSON.readTree(line.substring(space + 1));
            if (root.has("lastUpdateId"))
            {
                depth.clear();
                depth.snapshot = true;
                depth.lastId = root.get("lastUpdateId").asLong();
                depth.eventTimeMs = root.path("E").asLong(0);
                levels(root.get("bids"), true);
                levels(root.get("asks"), false);
                listener.onDepth(receiveNs, depth);
                return;
            }
            final JsonNode data = root.get("data");
            if (data == null)
            {
                throw new IllegalArgumentException("neither a stream envelope nor a depth snapshot");
            }
            final String stream = root.path("stream").asText();
            if (stream.contains("@depth"))
            {
                depth.clear();
                depth.firstId = data.get("U").asLong();
                depth.lastId = data.get("u").asLong();
                depth.previousLastId = data.has("pu") ? data.get("pu").asLong() : -1;
                depth.eventTimeMs = data.path("E").asLong(0);
                levels(data.get("b"), true);
                levels(data.get("a"), false);
                listener.onDepth(receiveNs, depth);
            }
            else if (stream.endsWith("@bookTicker"))
            {
                listener.onBookTicker(receiveNs, data.path("E").asLong(0), data.get("u").asLong(),
                    price(data.get("b")), quantity(data.get("B")), price(data.get("a")), quantity(data.get("A")));
            }
            else if (stream.endsWith("@trade"))
            {
                listener.onTrade(receiveNs, data.path("E").asLong(0), data.get("t").asLong(), price(data.get("p")),
                    quantity(data.get("q")), data.get("m").asBoolean());
            }
            else
            {
                throw new IllegalArgumentException("unknown stream '" + stream + "'");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            listener.onMalformed(lineNumber, line, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
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
