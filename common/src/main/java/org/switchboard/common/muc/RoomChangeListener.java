package org.switchboard.common.muc;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.db.NoticeListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The room changes other processes' {@link GroupStore}s commit, heard through PostgreSQL {@code LISTEN} on
 * {@link RoomChangeNotice#CHANNEL} (ADR 0016) by a {@link NoticeListener}: its own connection, made again with
 * growing pauses when lost. Every time it starts listening it first emits {@link RoomChange.Kind#MISSED}: whoever
 * follows must read afresh what it holds. Notices of {@code ownOrigin} are left out: that store's process got them
 * in-process already.
 */
public final class RoomChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RoomChangeListener.class);

    private final NoticeListener listener;
    private final UUID ownOrigin;
    private final String service;

    /**
     * @param factory a factory of PostgreSQL connections; a pool is unwrapped to the driver's own, so the listening
     *                connection is outside it
     */
    public RoomChangeListener(ConnectionFactory factory, UUID ownOrigin, String service, Duration firstPause, Duration longestPause) {
        this.listener = new NoticeListener(factory, RoomChangeNotice.CHANNEL, firstPause, longestPause);
        this.ownOrigin = ownOrigin;
        this.service = service;
    }

    /** Listens while subscribed; cancelling closes the connection. Never completes; never fails. */
    public Flux<RoomChange> changes() {
        return listener.notices().concatMap(notice -> notice.missed()
                ? Mono.just(new RoomChange(service, null, RoomChange.Kind.MISSED, null, null))
                : read(notice));
    }

    private Mono<RoomChange> read(NoticeListener.Notice notification) {
        try {
            RoomChangeNotice notice = RoomChangeNotice.decode(notification.payload());
            boolean ours = notice.origin().equals(ownOrigin) || !notice.change().service().equals(service);
            return ours ? Mono.empty() : Mono.just(notice.change());
        } catch (IllegalArgumentException e) {
            log.warn("ignored a notification on {} from backend {}: {}", RoomChangeNotice.CHANNEL, notification.backend(), e.getMessage());
            return Mono.empty();
        }
    }
}
