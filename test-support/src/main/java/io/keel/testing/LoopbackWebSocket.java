package io.keel.testing;

import com.sun.net.httpserver.HttpExchange;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The plumbing of the loopback fake venues: a Netty WebSocket server on 127.0.0.1 and JSON HTTP answers. */
public final class LoopbackWebSocket
{
    private LoopbackWebSocket()
    {
    }

    /**
     * Binds a WebSocket server on 127.0.0.1 (ephemeral port) whose connections get a fresh {@code session} handler.
     *
     * @param path            the WebSocket path.
     * @param checkStartsWith accept paths with a query after {@code path}.
     */
    public static Channel bind(
        final EventLoopGroup group, final String path, final boolean checkStartsWith,
        final Supplier<ChannelHandler> session) throws InterruptedException
    {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath(path).checkStartsWith(checkStartsWith).maxFramePayloadLength(1 << 20)
                            .build()), session.get());
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    /** Answers an HTTP exchange with a JSON body. */
    public static void respond(final HttpExchange exchange, final int status, final String json) throws IOException
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }
}
