package org.switchboard.api.messages;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes the messages of each number with a retention ({@code sms_sims.retention_hours}, set with
 * {@code PATCH /api/v1/numbers/{id}}) once they are older than it, and stream events older than the events'
 * own retention (and webhook delivery log entries as old). A message the gateway still owes something is kept: an outgoing one the phone has not taken
 * yet (queued, dispatched, accepted) and an incoming one not yet handed to the person's XMPP account. Every
 * API process runs it; the deletes are idempotent.
 */
final class MessageRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

    private final DatabaseClient db;
    private final MessageEvents events;
    private final WebhookStore webhooks;
    private final MessageSettings settings;
    private volatile Disposable sweeping;

    MessageRetention(DatabaseClient db, MessageEvents events, WebhookStore webhooks, MessageSettings settings) {
        this.db = db;
        this.events = events;
        this.webhooks = webhooks;
        this.settings = settings;
    }

    /** One pass: completes with how many messages it deleted. */
    Mono<Long> sweep() {
        return db.sql("""
                        DELETE FROM sms_messages m USING sms_sims s
                        WHERE m.sim_id = s.id AND s.retention_hours IS NOT NULL
                          AND m.created_at < now() - make_interval(hours => s.retention_hours)
                          AND m.state NOT IN ('queued', 'dispatched', 'accepted')
                          AND NOT (m.direction = 'in' AND m.routed_at IS NULL)""")
                .fetch().rowsUpdated()
                .flatMap(deleted -> events.prune(settings.eventsKept()).then(webhooks.pruneLog(settings.eventsKept())).thenReturn(deleted));
    }

    @Override
    public void start() {
        sweeping = Flux.interval(Duration.ofSeconds(5), settings.retentionSweep())
                .onBackpressureDrop()
                .concatMap(tick -> sweep()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.info("Deleted {} SMS past their number's retention", deleted);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("SMS retention sweep failed; trying again in {}", settings.retentionSweep(), e);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = sweeping;
        if (running != null) {
            running.dispose();
        }
        sweeping = null;
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
