package org.switchboard.xmpp.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.Consumer;
import java.nio.charset.StandardCharsets;

/**
 * How a route answers one request. Every method may be called from any thread (e.g. after a database
 * round trip); the work is done on the connection's event loop. The next request on the connection is only
 * read once this one is answered (no pipelining), and a request answered before its body was read closes
 * the connection, since the rest of that body cannot be told from a next request.
 */
public final class HttpChannel {

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final boolean expectsContinue;
    private boolean continued;
    private boolean bodyComplete;
    private boolean answered;

    HttpChannel(ChannelHandlerContext ctx, HttpRequest request) {
        this.ctx = ctx;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.expectsContinue = HttpUtil.is100ContinueExpected(request);
    }

    /** The peer's address, for logs. */
    public String remoteAddress() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    /** Runs {@code task} on the connection's event loop, where the exchange's {@code content} calls also run. */
    public void execute(Runnable task) {
        onLoop(task);
    }

    /** Stops reading the body until {@link #resumeReading()} (while a slow check decides whether to take it). */
    public void pauseReading() {
        onLoop(() -> ctx.channel().config().setAutoRead(false));
    }

    public void resumeReading() {
        onLoop(() -> {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        });
    }

    /**
     * Tells a client that asked with {@code Expect: 100-continue} to send its body: call once the request
     * head has been accepted, so a refused upload is refused before its bytes travel.
     */
    public void acceptBody() {
        if (expectsContinue) {
            onLoop(() -> {
                continued = true;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            });
        }
    }

    /**
     * Hands the connection to another protocol (RFC 9110 section 15.2.2, 101 Switching Protocols: the WebSocket
     * upgrade). The handlers that serve HTTP requests leave the pipeline — the dispatcher, chunked writing and
     * the HTTP idle timer — while TLS, the per-address connection count and the HTTP codec stay (the switch
     * itself is answered over HTTP, and the new protocol's handshake removes the codec). {@code takeOver} runs
     * on the event loop and owns the connection from then on, its answer included. Only for a request without
     * a body; reading stays paused until {@code takeOver} resumes it.
     */
    public void switchProtocols(Consumer<Channel> takeOver) {
        onLoop(() -> {
            answered = true;
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.remove(ChunkedWriteHandler.class);
            pipeline.remove(IdleStateHandler.class);
            pipeline.remove(ctx.handler());
            takeOver.accept(ctx.channel());
        });
    }

    /** A complete response (its body, if any, in the message). */
    public void respond(FullHttpResponse response) {
        onLoop(() -> {
            if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                // a HEAD answer carries the length of what a GET would send; everything else the length of its body
                HttpUtil.setContentLength(response, response.content().readableBytes());
            }
            finish(ctx.writeAndFlush(prepare(response)));
        });
    }

    /** A response head followed by a body read piece by piece (a file), never all in memory. */
    public void respond(HttpResponse head, ChunkedInput<ByteBuf> body) {
        onLoop(() -> {
            ctx.write(prepare(head));
            finish(ctx.writeAndFlush(new HttpChunkedInput(body)));
        });
    }

    /** A short plain-text error that names what was wrong. */
    public void error(HttpResponseStatus status, String text) {
        respond(plain(status, text));
    }

    /** A plain-text response, with the headers every answer of this server carries. */
    public static FullHttpResponse plain(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }

    /** Called by the dispatcher when the last part of the body has been handed to the route. */
    void bodyRead() {
        bodyComplete = true;
    }

    boolean bodyComplete() {
        return bodyComplete;
    }

    boolean answered() {
        return answered;
    }

    private <T extends HttpResponse> T prepare(T response) {
        if (answered) {
            throw new IllegalStateException("a request is answered once");
        }
        answered = true;
        response.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setKeepAlive(response, keepAlive && bodyComplete);
        return response;
    }

    private void finish(ChannelFuture written) {
        if (!bodyComplete && expectsContinue && !continued) {
            // the client waits for a 100 that will not come and sends no body: nothing to drain
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!bodyComplete) {
            // the dispatcher drains what the client is still sending (bounded) and then closes, so the client
            // reads this answer instead of a connection reset
            resumeReading();
            return;
        }
        if (keepAlive) {
            written.addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    resumeReading();
                } else {
                    done.channel().close();
                }
            });
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

}
