package org.switchboard.api.hosts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.switchboard.api.auth.SourceAddress;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.SessionTerminator;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.sms.host.PairingCodes;
import reactor.core.publisher.Mono;

/**
 * The phone's side of pairing: no login, only a live code, limited per address and server-wide
 * ({@link PairingGuard} says why that makes guessing impractical).
 */
@RestController
@Tag(name = "hosts")
class PairingController {

    private final PairingCodes codes;
    private final PairingGuard guard;
    private final CoreSettings core;
    private final RunningServices services;
    private final HostSettings settings;
    private final ObjectProvider<SessionTerminator> terminators;
    private final XmppCertificatePin pin;

    PairingController(PairingCodes codes, PairingGuard guard, CoreSettings core, RunningServices services, HostSettings settings,
                      ObjectProvider<SessionTerminator> terminators, XmppCertificatePin pin) {
        this.pin = pin;
        this.codes = codes;
        this.guard = guard;
        this.core = core;
        this.services = services;
        this.settings = settings;
        this.terminators = terminators;
    }

    @PostMapping("/api/v1/hosts/pair")
    @Operation(summary = "Redeem a pairing code (no login): the host's XMPP account, its password, where to connect "
            + "and the server certificate's SHA-256 to pin")
    Mono<HostViews.PairingView> pair(@Valid @RequestBody HostRequests.Pair body, ServerWebExchange exchange) {
        guard.attempt(SourceAddress.of(exchange));
        return codes.redeem(body.code())
                .switchIfEmpty(Mono.fromRunnable(guard::failed).then(Mono.error(() -> new ApiException(ApiProblem.PAIRING_CODE_INVALID,
                        "this pairing code is wrong, expired or already used; ask the owner for a new one"))))
                .doOnNext(pairing -> {
                    if (pairing.repaired()) {
                        // the phone that held the old password must not stay connected with it
                        terminators.orderedStream().forEach(t -> t.endSessions(pairing.account().localpart(),
                                SessionTerminator.Reason.CREDENTIALS_CHANGED));
                    }
                })
                .map(pairing -> HostViews.PairingView.of(pairing, core.domain(), xmppPort(), pin));
    }

    /** The STARTTLS client port of the XMPP server in this process, else the configured one. */
    private int xmppPort() {
        return services.list().stream()
                .filter(endpoint -> endpoint.name().equals("xmpp-c2s") && endpoint.transport().equals("starttls"))
                .mapToInt(RunningServices.Endpoint::port)
                .findFirst()
                .orElse(settings.xmppPort());
    }
}
