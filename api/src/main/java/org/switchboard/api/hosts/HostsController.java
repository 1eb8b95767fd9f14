package org.switchboard.api.hosts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.SessionTerminator;
import org.switchboard.common.presence.OnlineAccounts;
import org.switchboard.common.sms.host.Host;
import org.switchboard.common.sms.host.HostStore;
import org.switchboard.common.sms.host.PairingCode;
import org.switchboard.common.sms.host.PairingCodes;
import reactor.core.publisher.Mono;

/**
 * A person's SMS hosts. Every lookup is by owner, so another person's host answers 404 like a host that
 * does not exist; host accounts get 403 ({@link Person}); admins have no reach into other people's hosts here.
 */
@RestController
@RequestMapping("/api/v1/hosts")
@Tag(name = "hosts", description = "SIM host phones: pairing, status, SIMs")
class HostsController {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final HostStore hosts;
    private final PairingCodes codes;
    private final HostBeans.CodeLimiter codeLimiter;
    private final HostSettings settings;
    private final ObjectProvider<OnlineAccounts> online;
    private final ObjectProvider<SessionTerminator> terminators;
    private final XmppCertificatePin pin;

    HostsController(HostStore hosts, PairingCodes codes, HostBeans.CodeLimiter codeLimiter, HostSettings settings,
                    ObjectProvider<OnlineAccounts> online, ObjectProvider<SessionTerminator> terminators, XmppCertificatePin pin) {
        this.pin = pin;
        this.hosts = hosts;
        this.codes = codes;
        this.codeLimiter = codeLimiter;
        this.settings = settings;
        this.online = online;
        this.terminators = terminators;
    }

    @PostMapping
    @Operation(summary = "Add a host and get its first pairing code (6 digits, 10 minutes, single use) and QR link")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<HostViews.CodeView>> create(Person person, @Valid @RequestBody HostRequests.NewHost body, ServerWebExchange exchange) {
        codeLimiter.acquire(person.id());
        String name = ApiException.checked("name", () -> HostStore.checkName(body.name()));
        return hosts.create(person.id(), name)
                .flatMap(host -> codes.issue(person.id(), host.id()).map(code -> codeView(host, code, exchange)))
                .map(view -> ResponseEntity.created(URI.create("/api/v1/hosts/" + view.id())).body(view));
    }

    @PostMapping("/{id}/code")
    @Operation(summary = "A fresh pairing code for an existing host (re-pairing a phone); older codes stop working")
    Mono<HostViews.CodeView> code(Person person, @PathVariable String id, ServerWebExchange exchange) {
        UUID hostId = hostId(id);
        codeLimiter.acquire(person.id());
        return existing(person, hostId)
                .flatMap(host -> codes.issue(person.id(), host.id()).map(code -> codeView(host, code, exchange)));
    }

    @GetMapping
    @Operation(summary = "The caller's hosts with their SIMs and last reported status")
    Mono<List<HostViews.HostView>> list(Person person) {
        OnlineAccounts presence = presence();
        return hosts.list(person.id()).map(host -> HostViews.HostView.of(host, presence)).collectList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's hosts")
    Mono<HostViews.HostView> get(Person person, @PathVariable String id) {
        return existing(person, hostId(id)).map(host -> HostViews.HostView.of(host, presence()));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a host or choose its default SIM (null: none); only the fields sent change")
    Mono<HostViews.HostView> change(Person person, @PathVariable String id, @Valid @RequestBody HostRequests.HostChange body) {
        UUID hostId = hostId(id);
        if (!body.hasName() && !body.hasDefault()) {
            throw ApiException.invalid("send at least one of name, default_subscription_id");
        }
        if (body.hasName() && body.getName() == null) {
            throw ApiException.invalid("name must be 1 to 100 characters");
        }
        String name = body.hasName() ? ApiException.checked("name", () -> HostStore.checkName(body.getName())) : null;
        Mono<Host> result = existing(person, hostId);
        // the SIM first: it is the change that can still be refused, and then nothing has changed
        if (body.hasDefault()) {
            result = result.flatMap(host -> hosts.setDefaultSim(person.id(), host.id(), body.getDefaultSubscriptionId()))
                    .onErrorMap(IllegalArgumentException.class, e -> ApiException.invalid("default_subscription_id: " + e.getMessage()));
        }
        if (name != null) {
            result = result.flatMap(host -> hosts.rename(person.id(), host.id(), name));
        }
        return result.switchIfEmpty(Mono.error(HostsController::notFound)).map(host -> HostViews.HostView.of(host, presence()));
    }

    /** The host's account goes in the same transaction, then its sessions end at once on every protocol. */
    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a host: its account is deleted and its sessions end at once")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> delete(Person person, @PathVariable String id) {
        return hosts.delete(person.id(), hostId(id))
                .switchIfEmpty(Mono.error(HostsController::notFound))
                .doOnNext(host -> {
                    if (host.accountLocalpart() != null) {
                        terminators.orderedStream().forEach(t -> t.endSessions(host.accountLocalpart(), SessionTerminator.Reason.ACCOUNT_DELETED));
                    }
                })
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<Host> existing(Person person, UUID hostId) {
        return hosts.find(person.id(), hostId).switchIfEmpty(Mono.error(HostsController::notFound));
    }

    private OnlineAccounts presence() {
        return online.getIfAvailable(() -> OnlineAccounts.UNKNOWN);
    }

    private HostViews.CodeView codeView(Host host, PairingCode code, ServerWebExchange exchange) {
        String qr = "switchboard://pair?server=" + URLEncoder.encode(baseUrl(exchange), StandardCharsets.UTF_8) + "&code=" + code.code()
                + (pin.sha256() != null ? "&fp=" + pin.sha256() : "");
        return HostViews.code(host, code, qr);
    }

    /** The configured public URL, else the scheme, host and port this request came to. */
    private String baseUrl(ServerWebExchange exchange) {
        URI uri = settings.publicUrl() != null ? settings.publicUrl() : exchange.getRequest().getURI();
        StringBuilder base = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() != -1) {
            base.append(':').append(uri.getPort());
        }
        if (settings.publicUrl() != null && uri.getRawPath() != null) {
            base.append(uri.getRawPath());
        }
        return base.toString();
    }

    /** A malformed id is a host that does not exist, like another person's. */
    static UUID hostId(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw notFound();
        }
        return UUID.fromString(id);
    }

    static ApiException notFound() {
        return new ApiException(ApiProblem.NOT_FOUND, "you have no host with this id");
    }
}
