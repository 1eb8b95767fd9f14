package org.switchboard.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import org.switchboard.common.password.ScramMechanism;
import reactor.core.publisher.Mono;

/**
 * One connection's SASL negotiation (RFC 6120 section 6): SCRAM-SHA-256, SCRAM-SHA-1 and, over TLS only,
 * PLAIN. Every attempt is checked against the shared lockout first and its outcome reported to it.
 */
public final class SaslNegotiator {

    public static final String PROTOCOL = "xmpp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final UnknownUserCredentials unknownUsers;
    private final String domain;
    private final String address;
    private final boolean secure;
    private ScramServer scram;
    private String username;
    private boolean awaitingFinal;
    private boolean awaitingPlain;

    public SaslNegotiator(AccountStore accounts, AuthenticationGuard guard, UnknownUserCredentials unknownUsers,
                          String domain, String address, boolean secure) {
        this.accounts = accounts;
        this.guard = guard;
        this.unknownUsers = unknownUsers;
        this.domain = domain;
        this.address = address;
        this.secure = secure;
    }

    /** Mechanism names in order of preference; PLAIN only over TLS. */
    public List<String> mechanisms() {
        List<String> names = new ArrayList<>(List.of(ScramMechanism.SCRAM_SHA_256.saslName(), ScramMechanism.SCRAM_SHA_1.saslName()));
        if (secure) {
            names.add("PLAIN");
        }
        return names;
    }

    /** {@code <auth mechanism='...'>}; {@code initialResponse} is null when the client sent none. */
    public Mono<SaslStep> start(String mechanism, byte[] initialResponse) {
        scram = null;
        awaitingFinal = false;
        awaitingPlain = false;
        if ("PLAIN".equals(mechanism) && secure) {
            awaitingPlain = true;
            return initialResponse == null ? Mono.just(new SaslStep.Challenge(new byte[0])) : plain(initialResponse);
        }
        for (ScramMechanism candidate : ScramMechanism.values()) {
            if (candidate.saslName().equals(mechanism)) {
                scram = new ScramServer(candidate, newNonce());
                return initialResponse == null || initialResponse.length == 0
                        ? Mono.just(new SaslStep.Challenge(new byte[0]))
                        : clientFirst(initialResponse);
            }
        }
        return failure(SaslFailure.INVALID_MECHANISM, "mechanism " + mechanism + " is not offered");
    }

    /** {@code <response>}. */
    public Mono<SaslStep> respond(byte[] response) {
        if (awaitingPlain) {
            return plain(response);
        }
        if (scram == null) {
            return failure(SaslFailure.MALFORMED_REQUEST, "no authentication in progress");
        }
        return awaitingFinal ? clientFinal(response) : clientFirst(response);
    }

    private Mono<SaslStep> clientFirst(byte[] message) {
        ScramServer.ClientFirst first;
        try {
            first = scram.readClientFirst(new String(message, StandardCharsets.UTF_8));
        } catch (SaslException e) {
            return failure(e.failure(), e.getMessage());
        }
        String localpart = Localpart.normalizeOrNull(first.username());
        if (first.authzid() != null && !first.authzid().equalsIgnoreCase(first.username() + "@" + domain)) {
            return failure(SaslFailure.INVALID_AUTHZID, "you can only authenticate as yourself");
        }
        username = first.username();
        awaitingFinal = true;
        ScramMechanism mechanism = scram.mechanism();
        return guard.check(username, address)
                .map(lockout -> (SaslStep) locked(lockout))
                .switchIfEmpty(Mono.defer(() -> (localpart == null ? Mono.<org.switchboard.common.password.ScramCredential>empty()
                                : accounts.scramCredential(localpart, mechanism))
                        .defaultIfEmpty(unknownUsers.forName(username, mechanism))
                        .map(credential -> new SaslStep.Challenge(scram.serverFirst(credential).getBytes(StandardCharsets.UTF_8)))));
    }

    private Mono<SaslStep> clientFinal(byte[] message) {
        awaitingFinal = false;
        String serverFinal;
        try {
            serverFinal = scram.verifyClientFinal(new String(message, StandardCharsets.UTF_8));
        } catch (SaslException e) {
            scram = null;
            return e.failure() == SaslFailure.NOT_AUTHORIZED ? wrongCredentials() : failure(e.failure(), e.getMessage());
        }
        scram = null;
        return succeeded(serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private Mono<SaslStep> plain(byte[] message) {
        awaitingPlain = false;
        PlainMessage plain;
        try {
            plain = PlainMessage.parse(message);
        } catch (SaslException e) {
            return failure(e.failure(), e.getMessage());
        }
        if (plain.authzid() != null && !plain.authzid().equalsIgnoreCase(plain.authcid() + "@" + domain)) {
            return failure(SaslFailure.INVALID_AUTHZID, "you can only authenticate as yourself");
        }
        username = plain.authcid();
        String localpart = Localpart.normalizeOrNull(username);
        return guard.check(username, address)
                .map(lockout -> (SaslStep) locked(lockout))
                .switchIfEmpty(Mono.defer(() -> (localpart == null ? Mono.just(false) : accounts.verifyPassword(localpart, plain.password()))
                        .flatMap(valid -> valid ? succeeded(new byte[0]) : wrongCredentials())));
    }

    /** Right password: still refused if an administrator disabled the account. */
    private Mono<SaslStep> succeeded(byte[] additionalData) {
        String localpart = Localpart.normalize(username);
        return accounts.find(localpart)
                .flatMap(account -> account.isLocked()
                        ? Mono.just((SaslStep) new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "this account has been disabled by an administrator"))
                        : guard.recordSuccess(localpart, address).thenReturn(success(account, additionalData)))
                .switchIfEmpty(wrongCredentials());
    }

    private static SaslStep success(Account account, byte[] additionalData) {
        return new SaslStep.Success(account.localpart(), additionalData);
    }

    private Mono<SaslStep> wrongCredentials() {
        return guard.recordFailure(username, address, PROTOCOL)
                .map(lockout -> (SaslStep) new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "wrong username or password; " + lockout.describe()))
                .defaultIfEmpty(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "wrong username or password"));
    }

    private static SaslStep locked(Lockout lockout) {
        return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, lockout.describe());
    }

    private static Mono<SaslStep> failure(SaslFailure condition, String text) {
        return Mono.just(new SaslStep.Failure(condition, text));
    }

    private static String newNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
