package org.switchboard.api.messages;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A person's webhooks: URLs that get every event of their message stream, signed. Another person's webhook
 * answers 404; host accounts get 403 ({@link Person}).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "webhooks", description = "Signed HTTPS callbacks for the caller's new messages and state changes")
class WebhooksController {

    static final int MAX_WEBHOOKS = 10;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore webhooks;
    private final MessageEvents events;
    private final WebhookTargets targets;

    WebhooksController(WebhookStore webhooks, MessageEvents events, WebhookTargets targets) {
        this.webhooks = webhooks;
        this.events = events;
        this.targets = targets;
    }

    /** @param secret the HMAC key (16 to 200 characters); absent, the server makes one */
    record NewWebhook(String url, String secret) {
    }

    /** The secret appears here once, in the answer to its creation. */
    record Created(UUID id, String url, String secret, Instant createdAt) {
    }

    record WebhookView(UUID id, String url, Instant createdAt, int failures) {
        static WebhookView of(WebhookStore.Webhook webhook) {
            return new WebhookView(webhook.id(), webhook.url(), webhook.createdAt(), webhook.failures());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a webhook (HTTPS to a public address unless the operator allows more); the answer shows its secret, once")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<Created>> create(Person person, @RequestBody NewWebhook request) {
        URI parsed;
        try {
            parsed = targets.parse(request.url());
        } catch (WebhookTargets.Refused refused) {
            throw refused(refused);
        }
        String secret = request.secret();
        if (secret == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw MessagesController.invalid("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        String key = secret;
        String url = parsed.toString();
        Mono<Void> reachable = Mono.<Void>fromRunnable(() -> targets.checkAddresses(parsed))
                .subscribeOn(Schedulers.boundedElastic()) // DNS blocks
                .onErrorMap(WebhookTargets.Refused.class, WebhooksController::refused);
        return reachable.then(webhooks.list(person.id()).count()).flatMap(count -> {
            if (count >= MAX_WEBHOOKS) {
                return Mono.error(new ApiException(ApiProblem.CONFLICT, "you have " + MAX_WEBHOOKS + " webhooks; delete one first"));
            }
            return events.now().flatMap(now -> webhooks.create(person.id(), url, key, now));
        }).map(webhook -> ResponseEntity.created(URI.create("/api/v1/webhooks/" + webhook.id()))
                .body(new Created(webhook.id(), webhook.url(), key, webhook.createdAt())));
    }

    @GetMapping
    @Operation(summary = "The caller's webhooks (without their secrets)")
    Mono<List<WebhookView>> list(Person person) {
        return webhooks.list(person.id()).map(WebhookView::of).collectList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a webhook; nothing more is sent to it")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> delete(Person person, @PathVariable String id) {
        return webhooks.delete(person.id(), webhookId(id))
                .flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build()) : Mono.error(notFound()));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The last 100 delivery attempts of a webhook, newest first")
    Mono<List<WebhookStore.Delivery>> deliveries(Person person, @PathVariable String id) {
        return webhooks.find(person.id(), webhookId(id))
                .switchIfEmpty(Mono.error(WebhooksController::notFound))
                .flatMap(webhook -> webhooks.deliveries(webhook.id(), 100).collectList());
    }

    /** The refusal as a problem document: its {@code reason} and the field, like any invalid input. */
    static ApiException refused(WebhookTargets.Refused refused) {
        return new ApiException(ApiProblem.WEBHOOK_TARGET_REFUSED, "url " + refused.getMessage(), null,
                Map.of("reason", refused.reason(), "errors", List.of(Map.of("field", "url", "message", refused.getMessage()))));
    }

    private static UUID webhookId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(ApiProblem.NOT_FOUND, "you have no webhook with this id");
    }
}
