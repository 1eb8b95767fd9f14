package org.switchboard.xmpp.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to the route whose prefix its path starts with, and its body to that route's exchange.
 * Malformed or oversized request heads get the status RFC 9110 names (400, 414, 431) and the connection
 * closes, since the parser cannot tell where the next request would start.
 */
final class HttpDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);
    /** What a client may still send after its request was answered early, before the connection closes. */
    static final long MAX_DRAINED_BYTES = 8L * 1024 * 1024;

    private final List<HttpRoute> routes;
    private HttpChannel channel;
    private HttpExchange exchange = HttpExchange.DISCARD;
    private long drained;

    HttpDispatcher(List<HttpRoute> routes) {
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                request(ctx, request);
            }
            if (msg instanceof HttpContent content && channel != null && !channel.bodyComplete()) {
                body(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void request(ChannelHandlerContext ctx, HttpRequest request) {
        channel = new HttpChannel(ctx, request);
        exchange = HttpExchange.DISCARD;
        drained = 0;
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            channel.bodyRead();
            HttpResponseStatus status = result.cause() instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : result.cause() instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            String why = result.cause() instanceof TooLongFrameException tooLong ? tooLong.getMessage() : "malformed HTTP request";
            FullHttpResponse response = HttpChannel.plain(status, why);
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (!HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0) {
            // no body: the request is complete, and nothing more is read until it is answered
            channel.bodyRead();
            ctx.channel().config().setAutoRead(false);
        }
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            // absolute-form and authority-form targets are for proxies (RFC 9112 section 3.2)
            channel.error(HttpResponseStatus.BAD_REQUEST, "the request target must be a path");
            return;
        }
        HttpRoute route = routes.stream().filter(r -> uri.startsWith(r.prefix())).findFirst().orElse(null);
        if (route == null) {
            channel.error(HttpResponseStatus.NOT_FOUND, "nothing here");
            return;
        }
        try {
            exchange = route.open(request, channel);
        } catch (RuntimeException e) {
            log.warn("HTTP route {} failed on {} {}", route.prefix(), request.method(), uri, e);
            exchange = HttpExchange.DISCARD;
            if (!channel.answered()) {
                channel.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        }
    }

    private void body(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.decoderResult().isFailure()) {
            exchange.aborted();
            ctx.close();
            return;
        }
        if (channel.answered()) {
            drained += content.content().readableBytes();
            if (last || drained > MAX_DRAINED_BYTES) {
                ctx.close();
            }
            return;
        }
        if (last) {
            // no next request is read until this one is answered (the channel resumes reading then)
            ctx.channel().config().setAutoRead(false);
            channel.bodyRead();
        }
        try {
            exchange.content(content);
        } catch (RuntimeException e) {
            log.warn("HTTP exchange failed while reading the body", e);
            exchange.aborted();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (channel != null && !channel.answered()) {
            exchange.aborted();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
