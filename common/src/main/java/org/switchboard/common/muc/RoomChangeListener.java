package org.switchboard.common.muc;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The room changes other processes' {@link GroupStore}s commit, heard through PostgreSQL {@code LISTEN} on
 * {@link RoomChangeNotice#CHANNEL} (ADR 0016). It holds a connection of its own outside the pool (a pooled one
 * would be handed back, and a listening connection cannot serve queries meanwhile) and makes a new one with growing
 * pauses when it is lost. PostgreSQL keeps no notification for a listener that was away, so every time it starts
 * listening it first emits {@link RoomChange.Kind#MISSED}: whoever follows must read afresh what it holds.
 * Notices of {@code ownOrigin} are left out: that store's process got them in-process already.
 */
public final class RoomChangeListener {

    private static final Logger log = LoggerFactory.getLogger(RoomChangeListener.class);

    private final ConnectionFactory factory;
    private final UUID ownOrigin;
    private final String service;
    private final Duration firstPause;
    private final Duration longestPause;

    /**
     * @param factory a factory of PostgreSQL connections; a pool (or any {@link Wrapped} factory) is unwrapped to the
     *                driver's own, so the listening connection is outside it
     */
    public RoomChangeListener(ConnectionFactory factory, UUID ownOrigin, String service, Duration firstPause, Duration longestPause) {
        this.factory = unwrap(factory);
        this.ownOrigin = ownOrigin;
        this.service = service;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /** Listens while subscribed; cancelling closes the connection. Never completes; never fails. */
    public Flux<RoomChange> changes() {
        return Flux.defer(this::listenOnce)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, firstPause).maxBackoff(longestPause).transientErrors(true)
                        .doBeforeRetry(signal -> log.warn("listening for room changes stopped ({}); connecting again",
                                signal.failure().toString())));
    }

    private Flux<RoomChange> listenOnce() {
        return Flux.usingWhen(Mono.from(factory.create()), this::listen, connection -> Mono.from(connection.close()));
    }

    private Flux<RoomChange> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("room changes need PostgreSQL's LISTEN, not " + connection.getClass().getName()));
        }
        Flux<RoomChange> heard = postgres.getNotifications()
                .filter(notification -> RoomChangeNotice.CHANNEL.equals(notification.getName()))
                .concatMap(this::read);
        Mono<RoomChange> listening = postgres.createStatement("LISTEN " + RoomChangeNotice.CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated).then()
                .then(Mono.fromSupplier(() -> new RoomChange(service, null, RoomChange.Kind.MISSED, null, null)));
        // notifications are subscribed to before LISTEN, so none between the two is lost
        return Flux.merge(heard, listening)
                .concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")));
    }

    private Mono<RoomChange> read(Notification notification) {
        try {
            RoomChangeNotice notice = RoomChangeNotice.decode(notification.getParameter());
            boolean ours = notice.origin().equals(ownOrigin) || !notice.change().service().equals(service);
            return ours ? Mono.empty() : Mono.just(notice.change());
        } catch (IllegalArgumentException e) {
            log.warn("ignored a notification on {} from backend {}: {}", RoomChangeNotice.CHANNEL, notification.getProcessId(), e.getMessage());
            return Mono.empty();
        }
    }

    private static ConnectionFactory unwrap(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner && inner != current) {
            current = inner;
        }
        return current;
    }
}
