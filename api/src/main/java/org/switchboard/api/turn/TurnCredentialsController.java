package org.switchboard.api.turn;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Caller;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.turn.TurnCredentials;
import org.switchboard.common.turn.TurnSettings;

/**
 * Time-limited TURN credentials in the REST scheme every TURN server understands (username
 * {@code expiry:user}, password = base64 HMAC-SHA1 of it under the shared secret), for the caller only.
 */
@RestController
class TurnCredentialsController {

    private final TurnSettings turn;
    private final TurnCredentials credentials;
    private final String host;
    private final Clock clock;

    TurnCredentialsController(TurnSettings turn, CoreSettings core, Clock clock) {
        this.turn = turn;
        this.credentials = turn.credentials();
        // clients reach the server by its external address when one is configured, else by the domain
        this.host = turn.externalAddresses().stream().findFirst().map(TurnCredentialsController::uriHost).orElse(core.domain());
        this.clock = clock;
    }

    @Schema(name = "TurnCredentials")
    record Credentials(String username, String password, long ttl, List<String> uris) {
    }

    @GetMapping("/api/v1/turn/credentials")
    Credentials credentials(Caller caller) {
        TurnCredentials.TurnCredential minted = credentials.mint(caller.account().localpart(), turn.credentialTtl(), clock.instant());
        return new Credentials(minted.username(), minted.password(), minted.ttl(), List.of(
                "stun:" + host + ":" + turn.port(),
                "turn:" + host + ":" + turn.port() + "?transport=udp",
                "turn:" + host + ":" + turn.port() + "?transport=tcp",
                "turns:" + host + ":" + turn.tlsPort() + "?transport=tcp"));
    }

    private static String uriHost(InetAddress address) {
        String literal = address.getHostAddress();
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }
}
