package org.switchboard.common.db;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * What other processes {@code NOTIFY} on one PostgreSQL channel, heard through {@code LISTEN} (ADR 0016, ADR 0056).
 * It holds a connection of its own outside the pool (a pooled one would be handed back, and a listening connection
 * cannot serve queries meanwhile) and makes a new one with growing pauses when it is lost. PostgreSQL keeps no
 * notification for a listener that was away, so every time it starts listening it first emits {@link Notice#MISSED}:
 * whoever follows must forget or read afresh what it holds.
 */
public final class NoticeListener {

    /** One notification's payload, or {@link #MISSED}. */
    public record Notice(String payload, int backend) {
        /** Not a notification but word that notifications may have been missed: listening (re)started. */
        public static final Notice MISSED = new Notice(null, 0);

        public boolean missed() {
            return this == MISSED;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(NoticeListener.class);

    private final ConnectionFactory factory;
    private final String channel;
    private final Duration firstPause;
    private final Duration longestPause;
    /** Connections that have said LISTEN and not been lost or closed since. */
    private final AtomicInteger listening = new AtomicInteger();

    /**
     * @param factory a factory of PostgreSQL connections; a pool (or any {@link Wrapped} factory) is unwrapped to the
     *                driver's own, so the listening connection is outside it
     * @param channel an identifier, written into {@code LISTEN} as it is
     */
    public NoticeListener(ConnectionFactory factory, String channel, Duration firstPause, Duration longestPause) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.factory = unwrap(factory);
        this.channel = channel;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /** Listens while subscribed; cancelling closes the connection. Never completes; never fails. */
    public Flux<Notice> notices() {
        return Flux.defer(this::listenOnce)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, firstPause).maxBackoff(longestPause).transientErrors(true)
                        .doBeforeRetry(signal -> log.warn("listening on {} stopped ({}); connecting again", channel,
                                signal.failure().toString())));
    }

    /**
     * True while a subscription's connection is listening. It turns false only when the loss is noticed, so a cache
     * that trusts it is still stale for as long as a dead connection goes unnoticed; {@link Notice#MISSED} follows.
     */
    public boolean listening() {
        return listening.get() > 0;
    }

    private Flux<Notice> listenOnce() {
        return Flux.usingWhen(Mono.from(factory.create()), this::listen, connection -> Mono.from(connection.close()));
    }

    private Flux<Notice> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("notices need PostgreSQL's LISTEN, not " + connection.getClass().getName()));
        }
        AtomicBoolean counted = new AtomicBoolean();
        Flux<Notice> heard = postgres.getNotifications()
                .filter(notification -> channel.equals(notification.getName()))
                .map(notification -> new Notice(notification.getParameter() == null ? "" : notification.getParameter(),
                        notification.getProcessId()));
        Mono<Notice> started = postgres.createStatement("LISTEN " + channel).execute()
                .flatMap(PostgresqlResult::getRowsUpdated).then()
                .then(Mono.fromSupplier(() -> {
                    counted.set(true);
                    listening.incrementAndGet();
                    return Notice.MISSED;
                }));
        // notifications are subscribed to before LISTEN, so none between the two is lost
        return Flux.merge(heard, started)
                .concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")))
                .doFinally(signal -> {
                    if (counted.getAndSet(false)) {
                        listening.decrementAndGet();
                    }
                });
    }

    private static ConnectionFactory unwrap(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner && inner != current) {
            current = inner;
        }
        return current;
    }
}
