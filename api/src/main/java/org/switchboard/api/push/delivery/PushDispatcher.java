package org.switchboard.api.push.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushOutcome;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushService;
import org.switchboard.common.push.PushTarget;
import reactor.core.publisher.Mono;

/**
 * The {@link PushService}: hands each push to its platform's provider, retries transient failures and
 * records what happened. At most {@code queueCapacity} pushes are in flight or waiting for a retry; past that
 * a push is dropped at once ({@link PushOutcome#QUEUE_FULL}), so a slow or failing provider never makes a
 * message or a call wait.
 */
public final class PushDispatcher implements PushService {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    private final Map<PushPlatform, PushProvider> providers = new EnumMap<>(PushPlatform.class);
    private final PushDeviceStore store;
    private final DeliverySettings settings;
    private final Backoff backoff;
    private final RetryScheduler scheduler;
    private final MeterRegistry metrics;
    private final AtomicInteger pending = new AtomicInteger();

    public PushDispatcher(List<PushProvider> providers, PushDeviceStore store, DeliverySettings settings, RetryScheduler scheduler,
                          MeterRegistry metrics) {
        providers.forEach(provider -> this.providers.put(provider.platform(), provider));
        this.store = store;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.scheduler = scheduler;
        this.metrics = metrics;
        Gauge.builder("switchboard.push.pending", pending, AtomicInteger::get)
                .description("pushes in flight or waiting for a retry").register(metrics);
    }

    @Override
    public CompletableFuture<PushOutcome> send(PushTarget target, PushContent content) {
        PushProvider provider = providers.get(target.platform());
        if (provider == null) {
            return CompletableFuture.completedFuture(counted(target, PushOutcome.NOT_CONFIGURED));
        }
        if (pending.incrementAndGet() > settings.queueCapacity()) {
            pending.decrementAndGet();
            log.warn("Push queue full ({} pending): dropped a push to {}", settings.queueCapacity(), target);
            return CompletableFuture.completedFuture(counted(target, PushOutcome.QUEUE_FULL));
        }
        PushContent shown = settings.showSender() ? content : content.withoutSender();
        CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
        outcome.whenComplete((result, error) -> pending.decrementAndGet());
        attempt(provider, target, shown, 1, outcome);
        return outcome;
    }

    /** The number of pushes in flight or waiting for a retry. */
    public int pending() {
        return pending.get();
    }

    private void attempt(PushProvider provider, PushTarget target, PushContent content, int attempt, CompletableFuture<PushOutcome> outcome) {
        CompletableFuture<ProviderResult> result;
        try {
            result = provider.deliver(target, content);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(ProviderResult.transientFailure(e.toString(), null));
        }
        result.exceptionally(e -> ProviderResult.transientFailure(String.valueOf(e), null))
                .thenAccept(answer -> handle(provider, target, content, attempt, answer, outcome));
    }

    private void handle(PushProvider provider, PushTarget target, PushContent content, int attempt, ProviderResult answer,
                        CompletableFuture<PushOutcome> outcome) {
        switch (answer.kind()) {
            case SUCCESS -> finish(store.recordSuccess(target.platform(), target.token()), target, PushOutcome.DELIVERED, outcome);
            case GONE -> {
                log.info("Push token {} is gone ({}); deleted", target, answer.detail());
                finish(store.forget(target.platform(), target.token()).then(), target, PushOutcome.TOKEN_REMOVED, outcome);
            }
            case PERMANENT -> {
                log.warn("Push to {} refused: {}", target, answer.detail());
                finish(store.recordError(target.platform(), target.token(), answer.detail()), target, PushOutcome.REJECTED, outcome);
            }
            case TRANSIENT -> {
                if (attempt >= settings.maxAttempts()) {
                    log.warn("Push to {} failed {} times, giving up: {}", target, attempt, answer.detail());
                    finish(store.recordError(target.platform(), target.token(), answer.detail() + " (gave up after " + attempt + " attempts)"),
                            target, PushOutcome.GAVE_UP, outcome);
                    return;
                }
                java.time.Duration wait = backoff.delay(attempt, ThreadLocalRandom.current()::nextDouble);
                if (answer.retryAfter() != null && answer.retryAfter().compareTo(wait) > 0) {
                    wait = answer.retryAfter().compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : answer.retryAfter();
                }
                counter(target, "retry").increment();
                scheduler.schedule(wait, () -> attempt(provider, target, content, attempt + 1, outcome));
            }
        }
    }

    /** The store is written before the outcome is told, so whoever waits for it sees the token's new state. */
    private void finish(Mono<Void> record, PushTarget target, PushOutcome result, CompletableFuture<PushOutcome> outcome) {
        record.doOnError(e -> log.warn("Could not record the outcome of a push to {}", target, e))
                .onErrorComplete()
                .doFinally(signal -> outcome.complete(counted(target, result)))
                .subscribe();
    }

    private PushOutcome counted(PushTarget target, PushOutcome outcome) {
        counter(target, outcome.metricTag()).increment();
        return outcome;
    }

    private Counter counter(PushTarget target, String outcome) {
        return Counter.builder("switchboard.push").description("pushes by platform, kind and outcome (retry: one more attempt)")
                .tag("platform", target.platform().wire()).tag("kind", target.kind().wire()).tag("outcome", outcome)
                .register(metrics);
    }
}
