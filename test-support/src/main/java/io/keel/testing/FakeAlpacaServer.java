package io.keel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alpaca's market-data API on 127.0.0.1 for tests, in its real formats: the v2 stream at {@code /v2/iex} greets,
 * checks the auth message against one key pair, confirms the subscription and then sends a script of data messages
 * (JSON arrays); {@code GET /v2/stocks/{symbol}/bars} checks the key headers and answers two pages of bars. It can
 * close the first connection after the script, to test reconnects. Everything clients send is kept.
 */
public final class FakeAlpacaServer implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String keyId;
    private final String secret;
    private final List<String> script;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpServer rest;
    private final AtomicInteger connections = new AtomicInteger();
    private Channel server;
    public final List<String> received = new CopyOnWriteArrayList<>();
    public volatile boolean dropFirstConnection;

    /** @param script data messages (JSON arrays) sent after the subscription is confirmed. */
    public FakeAlpacaServer(final String keyId, final String secret, final List<String> script) throws IOException
    {
        this.keyId = keyId;
        this.secret = secret;
        this.script = List.copyOf(script);
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/v2/stocks/", exchange ->
        {
            final boolean authorised = keyId.equals(exchange.getRequestHeaders().getFirst("APCA-API-KEY-ID")) &&
                secret.equals(exchange.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"));
            final String query = exchange.getRequestURI().getQuery();
            final String body = !authorised ? "{\"message\":\"forbidden.\"}" : query.contains("page_token=p2") ?
                "{\"bars\":[{\"t\":\"2024-01-02T14:32:00Z\",\"o\":470.3,\"h\":470.4,\"l\":470.1,\"c\":470.2," +
                    "\"v\":300,\"n\":5,\"vw\":470.25}],\"symbol\":\"SPY\",\"next_page_token\":null}" :
                "{\"bars\":[{\"t\":\"2024-01-02T14:30:00Z\",\"o\":470.0,\"h\":471.0,\"l\":469.5,\"c\":470.5," +
                    "\"v\":1000,\"n\":12,\"vw\":470.4},{\"t\":\"2024-01-02T14:31:00Z\",\"o\":470.5,\"h\":470.9," +
                    "\"l\":470.1,\"c\":470.3,\"v\":800,\"n\":9,\"vw\":470.5}],\"symbol\":\"SPY\"," +
                    "\"next_page_token\":\"p2\"}";
            LoopbackWebSocket.respond(exchange, authorised ? 200 : 403, body);
        });
        rest.start();
    }

    /** Binds both servers on 127.0.0.1. */
    public void start() throws InterruptedException
    {
        server = LoopbackWebSocket.bind(group, "/v2/iex", false, Session::new);
    }

    /** @return the stream URL. */
    public String streamUrl()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort() + "/v2/iex";
    }

    /** @return the REST base URL. */
    public String restUrl()
    {
        return "http://127.0.0.1:" + rest.getAddress().getPort();
    }

    /** One client's conversation. */
    private final class Session extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private int connection;

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                connection = connections.incrementAndGet();
                ctx.writeAndFlush(new TextWebSocketFrame("[{\"T\":\"success\",\"msg\":\"connected\"}]"));
            }
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame) throws IOException
        {
            final String text = frame.text();
            received.add(text);
            final JsonNode message = JSON.readTree(text);
            switch (message.path("action").asText())
            {
                case "auth" ->
                {
                    if (keyId.equals(message.path("key").asText()) && secret.equals(message.path("secret").asText()))
                    {
                        ctx.writeAndFlush(new TextWebSocketFrame("[{\"T\":\"success\",\"msg\":\"authenticated\"}]"));
                    }
                    else
                    {
                        ctx.writeAndFlush(new TextWebSocketFrame("[{\"T\":\"error\",\"code\":402," +
                            "\"msg\":\"auth failed\"}]"));
                    }
                }
                case "subscribe" ->
                {
                    ctx.write(new TextWebSocketFrame("[{\"T\":\"subscription\",\"trades\":" + message.get("trades") +
                        ",\"quotes\":" + message.get("quotes") + ",\"bars\":" + message.get("bars") + "}]"));
                    for (final String data : script)
                    {
                        ctx.write(new TextWebSocketFrame(data));
                    }
                    ctx.flush();
                    if (connection == 1 && dropFirstConnection)
                    {
                        ctx.close();
                    }
                }
                default -> ctx.writeAndFlush(new TextWebSocketFrame("[{\"T\":\"error\",\"code\":400," +
                    "\"msg\":\"invalid syntax\"}]"));
            }
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
