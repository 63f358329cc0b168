package io.keel.ingest.binance;

import com.sun.net.httpserver.HttpServer;
import io.keel.core.Side;
import io.keel.testing.LoopbackWebSocket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Binance spot venue on 127.0.0.1 for tests, speaking the real wire formats: the combined-stream WebSocket
 * ({@code /stream?streams=...}) replays a capture's messages verbatim, and {@code GET /api/v3/depth} answers a REST
 * depth snapshot: the capture's own until the replay has passed it, then the true book at the replay's position
 * (kept by a server-side builder), so a client that lost messages can resync. It can drop the connection after N
 * messages and lose M more before the client reconnects.
 */
public final class FakeBinanceServer implements AutoCloseable
{
    private final List<String> lines;
    private final BinanceBookBuilder truth;
    private final BinanceCaptureReader reader;
    private final int quantityScale;
    private final AtomicInteger position = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpServer rest;
    private String captureSnapshot;
    private Channel server;
    volatile int dropAfterMessages = -1;
    volatile int loseOnReconnect;
    volatile int snapshotRequests;
    /** HTTP statuses for the first REST requests (e.g. 429, 418), each with Retry-After: 1. */
    volatile int[] failures = new int[0];
    final java.util.List<Long> requestTimesNs = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Serves a spot capture; prices and sizes parse at the given scales for the server-side book. */
    public FakeBinanceServer(final List<String> captureLines, final int priceScale, final int quantityScale)
        throws IOException
    {
        this(captureLines, priceScale, quantityScale, BinanceBookBuilder.Market.SPOT);
    }

    /** Serves a spot or USD-M capture. */
    public FakeBinanceServer(
        final List<String> captureLines, final int priceScale, final int quantityScale,
        final BinanceBookBuilder.Market market) throws IOException
    {
        this.lines = captureLines;
        this.truth = new BinanceBookBuilder(market);
        this.reader = new BinanceCaptureReader(priceScale, quantityScale);
        this.quantityScale = quantityScale;
        for (final String line : captureLines)
        {
            if (line.contains("\"lastUpdateId\""))
            {
                captureSnapshot = line.substring(line.indexOf(' ') + 1);
            }
        }
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext(market == BinanceBookBuilder.Market.SPOT ? "/api/v3/depth" : "/fapi/v1/depth", exchange ->
        {
            requestTimesNs.add(System.nanoTime());
            final int request = snapshotRequests++;
            if (request < failures.length)
            {
                exchange.getResponseHeaders().add("Retry-After", "1");
                LoopbackWebSocket.respond(exchange, failures[request], "{\"code\":-1003,\"msg\":\"Way too many " +
                    "requests\"}");
                return;
            }
            LoopbackWebSocket.respond(exchange, 200, snapshotJson());
        });
        rest.start();
    }

    /** Binds both servers on 127.0.0.1. */
    public void start() throws InterruptedException
    {
        server = LoopbackWebSocket.bind(group, "/stream", true, Replayer::new);
    }

    /** @return the WebSocket port. */
    public int webSocketPort()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /** @return the REST port. */
    public int restPort()
    {
        return rest.getAddress().getPort();
    }

    /** Messages the replay has passed (sent or lost); the REST snapshot line is not a stream message. */
    public int position()
    {
        return position.get();
    }

    private synchronized String snapshotJson()
    {
        if (!truth.isLive())
        {
            return captureSnapshot;
        }
        final long[] prices = new long[1000];
        final long[] sizes = new long[1000];
        final StringBuilder json = new StringBuilder("{\"lastUpdateId\":").append(truth.lastUpdateId());
        for (final Side side : new Side[] {Side.BUY, Side.SELL})
        {
            json.append(side == Side.BUY ? ",\"bids\":[" : ",\"asks\":[");
            final int n = truth.top(side, prices, sizes, prices.length);
            for (int i = 0; i < n; i++)
            {
                json.append(i == 0 ? "" : ",").append("[\"").append(io.keel.core.FixedPoint.toText(prices[i], 2))
                    .append("\",\"").append(io.keel.core.FixedPoint.toText(sizes[i], quantityScale)).append("\"]");
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private synchronized void advance(final String line)
    {
        reader.readLine(0, line, new BinanceCaptureReader.Listener()
        {
            @Override
            public void onDepth(final long receiveNs, final DepthUpdate update)
            {
                if (update.snapshot)
                {
                    truth.onSnapshot(update);
                }
                else
                {
                    truth.onDiff(update);
                }
            }

            @Override
            public void onBookTicker(final long r, final long e, final long u, final long bp, final long bq,
                final long ap, final long aq)
            {
            }

            @Override
            public void onTrade(final long r, final long e, final long t, final long p, final long q, final boolean m)
            {
            }

            @Override
            public void onMalformed(final long n, final String l, final String reason)
            {
                throw new IllegalStateException(reason);
            }
        });
    }

    /** Streams the capture to one connection, from where the previous connection stopped. */
    private final class Replayer extends ChannelInboundHandlerAdapter
    {
        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                final int connection = connections.incrementAndGet();
                if (connection > 1)
                {
                    for (int i = 0; i < loseOnReconnect && position.get() < lines.size(); i++)
                    {
                        advance(lines.get(position.getAndIncrement())); // lost while disconnected
                    }
                }
                ctx.channel().eventLoop().execute(() -> send(ctx, connection));
            }
        }

        private void send(final ChannelHandlerContext ctx, final int connection)
        {
            int sent = 0;
            while (position.get() < lines.size() && ctx.channel().isActive())
            {
                final String line = lines.get(position.getAndIncrement());
                advance(line);
                if (line.contains("\"lastUpdateId\""))
                {
                    continue; // the REST snapshot is served over HTTP, not streamed
                }
                ctx.write(new TextWebSocketFrame(line.substring(line.indexOf(' ') + 1)));
                if (++sent % 256 == 0)
                {
                    ctx.flush();
                }
                if (connection == 1 && sent == dropAfterMessages)
                {
                    ctx.flush();
                    ctx.close();
                    return;
                }
            }
            ctx.flush();
        }
    }

    @Override
    public void close()
    {
        rest.stop(0);
        if (server != null)
        {
            server.close();
        }
        group.shutdownGracefully();
    }
}
