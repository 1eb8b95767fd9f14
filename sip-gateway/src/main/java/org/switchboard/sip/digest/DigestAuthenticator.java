package org.switchboard.sip.digest;

import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import org.switchboard.sip.limits.Backlog;
import reactor.core.publisher.Mono;

/**
 * Checks digest credentials against an account: the lockout first, then the stored HA1 of the algorithm the
 * client chose. An unknown name and a wrong password are the same failure and both count. Used for REGISTER
 * (401) and for requests the proxy takes from this server's own accounts (407).
 */
public final class DigestAuthenticator {

    /**
     * What authentication found; exactly one of the fields is set, or none for a plain failure. {@code busy}: the
     * request was not checked, too many wait for the database ({@link Backlog}); answer 503 with Retry-After.
     */
    public record Outcome(Account account, Lockout lockout, boolean replayed, boolean busy) {
        static Outcome failed() { return new Outcome(null, null, false, false); }
    }

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final Nonces nonces;
    private final Backlog backlog;

    public DigestAuthenticator(AccountStore accounts, AuthenticationGuard guard, Nonces nonces, Backlog backlog) {
        this.backlog = backlog;
        this.accounts = accounts;
        this.guard = guard;
        this.nonces = nonces;
    }

    /** The place in the backlog is taken when the work is subscribed to and given back when it ends, however it ends. */
    public Mono<Outcome> authenticate(DigestCredentials credentials, String method, String source) {
        return Mono.defer(() -> {
            if (!backlog.tryEnter()) {
                return Mono.just(new Outcome(null, null, false, true));
            }
            return guard.standing(credentials.username(), source)
                    .flatMap(standing -> standing.lockout() != null ? Mono.just(new Outcome(null, standing.lockout(), false, false))
                            : verify(credentials, method, source, standing.failures()))
                    .doFinally(signal -> backlog.leave());
        });
    }

    /**
     * {@code failures}: the lockout has failures of this name from this address on record. Only then does a
     * success write (clear them); a phone that keeps getting its password right costs the lockout one read.
     */
    private Mono<Outcome> verify(DigestCredentials credentials, String method, String source, boolean failures) {
        String username = credentials.username();
        return accounts.findWithSipHa1(username, credentials.algorithm())
                .filter(found -> found.account().localpart().equals(username))
                .filter(found -> DigestVerifier.matches(credentials, found.ha1(), method))
                .map(AccountStore.WithSipHa1::account)
                .flatMap(account -> {
                    if (!nonces.use(credentials.nonce(), credentials.nonceCount())) {
                        // the right password, but this nonce-count was spent: a replay, not a guess
                        return Mono.just(new Outcome(null, null, true, false));
                    }
                    Outcome success = new Outcome(account, null, false, false);
                    return failures ? guard.recordSuccess(username, source).thenReturn(success) : Mono.just(success);
                })
                .switchIfEmpty(Mono.defer(() -> guard.recordFailure(username, source, "sip")
                        .map(lockout -> new Outcome(null, lockout, false, false))
                        .defaultIfEmpty(Outcome.failed())));
    }
}
