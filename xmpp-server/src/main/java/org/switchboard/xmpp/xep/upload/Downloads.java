package org.switchboard.xmpp.xep.upload;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.http.HttpChannel;

/**
 * GET and HEAD of a stored file: its declared type with {@code nosniff}; pictures, sound and video shown
 * inline, anything else (HTML and SVG included, which could run script in the server's origin) as a download;
 * a sandboxing Content-Security-Policy on top; single byte ranges (RFC 9110 section 14).
 */
final class Downloads {

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);
    private static final int CHUNK = 64 * 1024;

    private final UploadStore store;
    private final UploadFiles files;
    private final Clock clock;

    Downloads(UploadStore store, UploadFiles files, Clock clock) {
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    void serve(HttpRequest request, UploadPath path, HttpChannel channel) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        String range = request.headers().get(HttpHeaderNames.RANGE);
        store.find(path.id())
                .filter(upload -> upload.state().equals("stored") && upload.filename().equals(path.filename())
                        && (upload.expiresAt() == null || upload.expiresAt().isAfter(clock.instant())))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .subscribe(found -> found.ifPresentOrElse(upload -> send(upload, head, range, channel),
                                // unknown, not yet uploaded, expired, or a name that is not the file's: all look the same
                                () -> channel.respond(UploadRoute.withCors(HttpChannel.plain(HttpResponseStatus.NOT_FOUND, "no such file")))),
                        e -> {
                            log.warn("Looking up upload {} failed", path.id(), e);
                            channel.respond(UploadRoute.withCors(HttpChannel.plain(HttpResponseStatus.SERVICE_UNAVAILABLE, "try again later")));
                        });
    }

    private void send(UploadStore.Upload upload, boolean head, String rangeHeader, HttpChannel channel) {
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(rangeHeader, upload.size());
        } catch (ByteRange.Unsatisfiable e) {
            var refused = UploadRoute.withCors(HttpChannel.plain(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable"));
            refused.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + upload.size());
            channel.respond(refused);
            return;
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(upload.size());
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range.isPresent() ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        UploadRoute.cors(response.headers());
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, upload.contentType())
                .set(HttpHeaderNames.CONTENT_DISPOSITION, disposition(upload.contentType(), upload.filename()))
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, "default-src 'none'; media-src 'self'; img-src 'self'; sandbox")
                .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=86400")
                .set(HttpHeaderNames.ETAG, "\"" + upload.id() + "\"");
        range.ifPresent(r -> response.headers().set(HttpHeaderNames.CONTENT_RANGE,
                "bytes " + r.first() + "-" + r.last() + "/" + upload.size()));
        HttpUtil.setContentLength(response, length);
        if (head) {
            // the length of what a GET would send, and no body (RFC 9110 section 9.3.2)
            channel.respond(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.EMPTY_BUFFER,
                    response.headers(), EmptyHttpHeaders.INSTANCE));
            return;
        }
        try {
            RandomAccessFile file = new RandomAccessFile(files.file(upload.id()).toFile(), "r");
            channel.respond(response, new ChunkedFile(file, first, length, CHUNK));
        } catch (IOException e) {
            log.warn("Stored upload {} cannot be read", upload.id(), e);
            channel.respond(UploadRoute.withCors(HttpChannel.plain(HttpResponseStatus.NOT_FOUND, "no such file")));
        }
    }

    /** RFC 6266, with the name in RFC 8187 form so any character survives. */
    static String disposition(String contentType, String filename) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean inline = (type.startsWith("image/") && !type.startsWith("image/svg")) || type.startsWith("audio/") || type.startsWith("video/");
        return (inline ? "inline" : "attachment") + "; filename*=UTF-8''" + UploadPath.encode(filename);
    }
}
