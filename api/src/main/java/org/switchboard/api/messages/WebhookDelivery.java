package org.switchboard.api.messages;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers each webhook's events in order: {@code POST} of {@code {id, type, message}} with
 * {@code X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of the body>}. A 2xx moves the webhook past the
 * event; anything else (a redirect too: none is followed) is logged and the same event is tried again after an
 * exponential backoff (nothing after it goes first). The target is checked ({@link WebhookTargets}) before every
 * attempt; a refused one fails like an unreachable one and says why in the log. Webhooks are leased while delivered, so several API processes can run this.
 */
final class WebhookDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final WebhookStore store;
    private final MessageEvents events;
    private final JsonMapper json;
    private final MessageSettings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Disposable running;

    private final WebhookTargets targets;

    WebhookDelivery(WebhookStore store, MessageEvents events, JsonMapper json, MessageSettings settings, WebhookTargets targets) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.settings = settings;
        this.targets = targets;
    }

    /** One pass over every due webhook. */
    Mono<Void> deliverDue() {
        return store.claimDue(LEASE).flatMap(this::deliver, 4).then();
    }

    private Mono<Void> deliver(WebhookStore.Webhook webhook) {
        return events.after(webhook.ownerId(), webhook.cursor())
                .flatMap(batch -> send(webhook, batch, 0, webhook.failures() + 1))
                .onErrorResume(e -> {
                    log.warn("Delivering webhook {} failed", webhook.id(), e);
                    return store.release(webhook.id());
                });
    }

    /** Sends {@code batch[index]}, then the next once it is delivered; stops at the first failure. */
    private Mono<Void> send(WebhookStore.Webhook webhook, List<MessageEvents.Event> batch, int index, int attempt) {
        if (index == batch.size()) {
            return store.release(webhook.id());
        }
        // the row as it is now, not as claimed: a pass may wait seconds behind slow targets, and a webhook deleted
        // or re-sealed meanwhile must not get one more delivery with what it was
        return store.current(webhook.id()).flatMap(current -> attempt(current, batch, index, attempt));
    }

    /** One attempt at {@code batch[index]} with the webhook as just read (gone: nothing is sent). */
    private Mono<Void> attempt(WebhookStore.Webhook webhook, List<MessageEvents.Event> batch, int index, int attempt) {
        MessageEvents.Event event = batch.get(index);
        return Mono.fromCallable(() -> request(webhook, event))
                .subscribeOn(Schedulers.boundedElastic()) // the target check resolves the host name
                .flatMap(request -> Mono.fromFuture(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                        .map(response -> new Outcome(response.statusCode(), null))
                        .onErrorResume(e -> Mono.just(new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage()))))
                .onErrorResume(WebhookTargets.Refused.class, refused -> Mono.just(new Outcome(null, "refused: url " + refused.getMessage())))
                // a secret that does not open (the secrets key changed) fails with backoff, not on every pass
                .onErrorResume(IllegalStateException.class, e -> Mono.just(new Outcome(null, "cannot sign: " + e.getMessage())))
                .flatMap(outcome -> {
                    if (outcome.status() != null && outcome.status() / 100 == 2) {
                        return store.delivered(webhook.id(), event.position(), event.kind(), attempt, outcome.status())
                                .then(Mono.defer(() -> send(webhook, batch, index + 1, 1)));
                    }
                    String error = outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
                    return store.failed(webhook.id(), event.position(), event.kind(), attempt, outcome.status(), error, backoff(attempt));
                });
    }

    /**
     * The signed request, once the URL has passed the target check again: a name that resolved to a public
     * address at registration may resolve to an internal one now. The JVM caches the answer (30 s by default),
     * so the connection made right after goes to the address just checked.
     */
    private HttpRequest request(WebhookStore.Webhook webhook, MessageEvents.Event event) {
        URI target = targets.check(webhook.url());
        byte[] body = body(event);
        return HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Switchboard-Webhook")
                .header("X-Switchboard-Event", event.kind())
                .header("X-Switchboard-Event-Id", event.position().text())
                .header("X-Switchboard-Signature", signature(store.signingSecret(webhook), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private record Outcome(Integer status, String error) {
    }

    /** The base interval doubled for each failure in a row, at most an hour. */
    Duration backoff(int attempt) {
        long millis = settings.webhookBackoff().toMillis() << Math.min(attempt - 1, 20);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    private byte[] body(MessageEvents.Event event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", event.position().text());
        payload.put("type", event.kind());
        payload.put("message", event.message());
        return json.writeValueAsBytes(payload);
    }

    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Before the first delivery, secrets a version before V24 stored in clear are sealed. */
    @Override
    public void start() {
        store.sealClearSecrets().block(Duration.ofMinutes(1));
        running = Flux.interval(settings.webhookPoll(), settings.webhookPoll())
                .onBackpressureDrop()
                .concatMap(tick -> deliverDue().onErrorResume(e -> {
                    log.warn("Webhook delivery pass failed", e);
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
