package org.switchboard.sip.digest;

import java.util.Optional;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import reactor.core.publisher.Mono;

/**
 * Checks digest credentials against an account: the lockout first, then the stored HA1 of the algorithm the
 * client chose. An unknown name and a wrong password are the same failure and both count. Used for REGISTER
 * (401) and for requests the proxy takes from this server's own accounts (407).
 */
public final class DigestAuthenticator {

    /** What authentication found; exactly one of the fields is set, or none for a plain failure. */
    public record Outcome(Account account, Lockout lockout, boolean replayed) {
        static Outcome failed() { return new Outcome(null, null, false); }
    }

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final Nonces nonces;

    public DigestAuthenticator(AccountStore accounts, AuthenticationGuard guard, Nonces nonces) {
        this.accounts = accounts;
        this.guard = guard;
        this.nonces = nonces;
    }

    public Mono<Outcome> authenticate(DigestCredentials credentials, String method, String source) {
        String username = credentials.username();
        return guard.check(username, source).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(lock -> lock.isPresent() ? Mono.just(new Outcome(null, lock.get(), false)) : verify(credentials, method, source));
    }

    private Mono<Outcome> verify(DigestCredentials credentials, String method, String source) {
        String username = credentials.username();
        return accounts.findWithSipHa1(username, credentials.algorithm())
                .filter(found -> found.account().localpart().equals(username))
                .filter(found -> DigestVerifier.matches(credentials, found.ha1(), method))
                .map(AccountStore.WithSipHa1::account)
                .flatMap(account -> {
                    if (!nonces.use(credentials.nonce(), credentials.nonceCount())) {
                        // the right password, but this nonce-count was spent: a replay, not a guess
                        return Mono.just(new Outcome(null, null, true));
                    }
                    return guard.recordSuccess(username, source).thenReturn(new Outcome(account, null, false));
                })
                .switchIfEmpty(Mono.defer(() -> guard.recordFailure(username, source, "sip")
                        .map(lockout -> new Outcome(null, lockout, false))
                        .defaultIfEmpty(Outcome.failed())));
    }
}
