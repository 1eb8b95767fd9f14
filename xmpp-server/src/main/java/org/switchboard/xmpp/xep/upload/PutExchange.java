package org.switchboard.xmpp.xep.upload;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.http.HttpChannel;
import org.switchboard.xmpp.http.HttpExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One upload (XEP-0363 section 6): the token and the declared length are checked against the slot before a
 * byte is taken, then the body streams to {@code <id>.part} piece by piece and becomes the file only when
 * exactly the slot's size arrived and is on disk (fsync, atomic rename); only then is the row marked stored
 * and the client told 201. A failed or cut-off upload leaves no file, and the slot can be used again until
 * it expires.
 */
final class PutExchange implements HttpExchange {

    private static final Logger log = LoggerFactory.getLogger(PutExchange.class);
    /** What may arrive while the slot is still being checked before the upload fails. */
    private static final int MAX_EARLY_BYTES = 1024 * 1024;

    private enum State { CHECKING, WRITING, FINISHING, DONE }

    private final UploadPath path;
    private final HttpChannel channel;
    private final UploadStore store;
    private final UploadFiles files;
    private final UploadSettings settings;
    private final Clock clock;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private int earlyBytes;
    private boolean earlyLast;
    private State state = State.CHECKING;
    private boolean claimed;
    private long size;
    private long received;
    private FileChannel file;

    private PutExchange(UploadPath path, HttpChannel channel, UploadStore store, UploadFiles files, UploadSettings settings, Clock clock) {
        this.path = path;
        this.channel = channel;
        this.store = store;
        this.files = files;
        this.settings = settings;
        this.clock = clock;
    }

    static HttpExchange start(HttpRequest request, UploadPath path, HttpChannel channel, UploadStore store, UploadFiles files,
                              UploadSettings settings, Clock clock) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith(UploadRoute.BEARER)
                ? authorization.substring(UploadRoute.BEARER.length()).trim() : null;
        if (!UploadFiles.isId(token)) {
            return refuse(channel, HttpResponseStatus.FORBIDDEN, "an upload needs the Authorization header of its slot");
        }
        long length = HttpUtil.getContentLength(request, -1L);
        if (length < 0 || HttpUtil.isTransferEncodingChunked(request)) {
            return refuse(channel, HttpResponseStatus.LENGTH_REQUIRED, "an upload needs a Content-Length (the slot's size)");
        }
        PutExchange exchange = new PutExchange(path, channel, store, files, settings, clock);
        channel.pauseReading();
        store.find(path.id())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> exchange.check(found.orElse(null), token, length))
                .subscribe(problem -> channel.execute(() -> {
                    if (problem.isEmpty()) {
                        exchange.begin(length);
                    } else {
                        exchange.fail(problem.status, problem.text);
                    }
                }), e -> {
                    log.warn("Checking upload slot {} failed", path.id(), e);
                    channel.execute(() -> exchange.fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "try again later"));
                });
        return exchange;
    }

    private static HttpExchange refuse(HttpChannel channel, HttpResponseStatus status, String text) {
        channel.respond(UploadRoute.withCors(HttpChannel.plain(status, text)));
        return HttpExchange.DISCARD;
    }

    /** Why an upload is refused; empty when it may go ahead. */
    private record Problem(HttpResponseStatus status, String text) {
        static final Problem NONE = new Problem(null, null);

        boolean isEmpty() {
            return status == null;
        }
    }

    private Mono<Problem> check(UploadStore.Upload slot, String token, long length) {
        // the same answer for an unknown slot and a wrong token: a probe learns nothing about ids
        if (slot == null || !slot.filename().equals(path.filename())
                || !MessageDigest.isEqual(slot.tokenHash(), SlotRequests.hash(token))) {
            return Mono.just(new Problem(HttpResponseStatus.FORBIDDEN, "no slot for this URL and token"));
        }
        if (!slot.state().equals("pending")) {
            return Mono.just(new Problem(HttpResponseStatus.CONFLICT, "this slot has been used"));
        }
        if (length > slot.size()) {
            return Mono.just(new Problem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Content-Length " + length + " is larger than the slot's size " + slot.size()));
        }
        if (length != slot.size()) {
            return Mono.just(new Problem(HttpResponseStatus.BAD_REQUEST,
                    "Content-Length " + length + " differs from the slot's size " + slot.size()));
        }
        return store.claim(slot.id(), clock.instant()).map(taken -> {
            if (!taken) {
                return new Problem(HttpResponseStatus.GONE, "the slot has expired or is being used");
            }
            claimed = true;
            return Problem.NONE;
        });
    }

    /** On the event loop: the slot is ours; open the part file, take what came early, read on. */
    private void begin(long length) {
        if (state != State.CHECKING) {
            // the connection went while the slot was being claimed: give the slot back
            store.release(path.id()).subscribe(null, e -> log.warn("Releasing upload slot {} failed", path.id(), e));
            return;
        }
        size = length;
        try {
            Path part = files.partial(path.id());
            Files.createDirectories(part.getParent());
            file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            log.warn("Cannot create the file of upload {}", path.id(), e);
            fail(HttpResponseStatus.INSUFFICIENT_STORAGE, "cannot store the file");
            return;
        }
        state = State.WRITING;
        while (!early.isEmpty() && state == State.WRITING) {
            ByteBuf piece = early.poll();
            try {
                write(piece);
            } finally {
                piece.release();
            }
        }
        // an empty file has no body parts at all; a small one may have come whole while the slot was checked
        if (state == State.WRITING && (earlyLast || size == 0)) {
            complete();
            return;
        }
        channel.acceptBody();
        channel.resumeReading();
    }

    @Override
    public void content(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        switch (state) {
            case CHECKING -> {
                if (content.content().isReadable()) {
                    earlyBytes += content.content().readableBytes();
                    early.add(content.content().retainedDuplicate());
                }
                earlyLast |= last;
                if (earlyBytes > MAX_EARLY_BYTES) {
                    fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "the upload came faster than its slot could be checked");
                }
            }
            case WRITING -> {
                write(content.content());
                if (last && state == State.WRITING) {
                    complete();
                }
            }
            default -> { }
        }
    }

    private void write(ByteBuf piece) {
        received += piece.readableBytes();
        if (received > size) {
            fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body is longer than the slot's size " + size);
            return;
        }
        try {
            while (piece.isReadable()) {
                piece.readBytes(file, piece.readableBytes());
            }
        } catch (IOException e) {
            log.warn("Writing upload {} failed", path.id(), e);
            fail(HttpResponseStatus.INSUFFICIENT_STORAGE, "cannot store the file");
        }
    }

    /** Everything arrived: make it durable off the event loop, then mark it stored and answer. */
    private void complete() {
        if (received != size) {
            fail(HttpResponseStatus.BAD_REQUEST, "the body has " + received + " bytes, the slot " + size);
            return;
        }
        state = State.FINISHING;
        FileChannel written = file;
        Instant expires = settings.expiry() == null ? null : clock.instant().plus(settings.expiry());
        Mono.fromCallable(() -> {
                    written.force(true);
                    written.close();
                    Files.move(files.partial(path.id()), files.file(path.id()), StandardCopyOption.ATOMIC_MOVE);
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(store.stored(path.id(), expires))
                .subscribe(stored -> channel.execute(() -> {
                    if (stored) {
                        state = State.DONE;
                        var created = UploadRoute.withCors(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED));
                        channel.respond(created);
                    } else {
                        // the account went while the bytes arrived: the sweep would remove the file anyway
                        fail(HttpResponseStatus.GONE, "the slot is gone");
                    }
                }), e -> {
                    log.warn("Finishing upload {} failed", path.id(), e);
                    channel.execute(() -> fail(HttpResponseStatus.INSUFFICIENT_STORAGE, "cannot store the file"));
                });
    }

    private void fail(HttpResponseStatus status, String text) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        cleanUp();
        channel.respond(UploadRoute.withCors(HttpChannel.plain(status, text)));
    }

    @Override
    public void aborted() {
        if (state != State.DONE && state != State.FINISHING) {
            state = State.DONE;
            cleanUp();
        }
    }

    private void cleanUp() {
        early.forEach(ByteBuf::release);
        early.clear();
        FileChannel open = file;
        file = null;
        boolean release = claimed;
        claimed = false;
        Mono.fromCallable(() -> {
                    if (open != null) {
                        open.close();
                    }
                    if (release) {
                        files.delete(path.id());
                    }
                    return true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(release ? store.release(path.id()) : Mono.empty())
                .subscribe(null, e -> log.warn("Cleaning up upload {} failed", path.id(), e));
    }
}
