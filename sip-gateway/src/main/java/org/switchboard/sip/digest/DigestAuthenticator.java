package org.switchboard.sip.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.limits.Backlog;
import reactor.core.publisher.Mono;

/**
 * Checks digest credentials against an account: the lockout first, then the stored HA1 of the algorithm the
 * client chose, both read in one go for all the requests that arrive together (ADR 0047). An unknown name and a
 * wrong password are the same failure and both count. Used for REGISTER (401) and for requests the proxy takes
 * from this server's own accounts (407).
 */
public final class DigestAuthenticator {

    /**
     * What authentication found; exactly one of the fields is set, or none for a plain failure. {@code busy}: the
     * request was not checked, too many wait for the database ({@link Backlog}); answer 503 with Retry-After.
     */
    public record Outcome(Account account, Lockout lockout, boolean replayed, boolean busy) {
        static Outcome failed() { return new Outcome(null, null, false, false); }
    }

    /** What the database says about one request's name before its answer is checked. */
    private record Found(AuthenticationGuard.Standing standing, Optional<AccountStore.WithSipHa1> ha1) {
    }

    private record Lookup(String username, String source, SipDigest digest) {
    }

    /** Enough for a burst in one read. */
    private static final int MAX_BATCH = 128;
    /** Reads lock nothing, so several batches may run at once; each takes two connections. */
    private static final int MAX_RUNNING = 3;

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final Nonces nonces;
    private final Backlog backlog;
    // the requests that arrive together are looked up together: two statements for the batch (ADR 0047)
    private final GroupCommit<Lookup, Found> lookups = new GroupCommit<>("SIP digest lookups", this::lookUpAll, MAX_BATCH, MAX_RUNNING);

    public DigestAuthenticator(AccountStore accounts, AuthenticationGuard guard, Nonces nonces, Backlog backlog) {
        this.backlog = backlog;
        this.accounts = accounts;
        this.guard = guard;
        this.nonces = nonces;
    }

    /** The lockout's look and the HA1 of every request of the batch, both statements at once. */
    private Mono<List<Optional<Found>>> lookUpAll(List<Lookup> batch) {
        return guard.standings(batch.stream().map(lookup -> new AuthenticationGuard.Attempt(lookup.username(), lookup.source())).toList())
                .zipWith(accounts.findWithSipHa1(batch.stream().map(lookup -> new AccountStore.SipLookup(lookup.username(), lookup.digest())).toList()))
                .map(both -> {
                    if (both.getT1().size() != batch.size() || both.getT2().size() != batch.size()) {
                        throw new IllegalStateException("a lookup of " + batch.size() + " answered " + both.getT1().size() + " and " + both.getT2().size());
                    }
                    List<Optional<Found>> found = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        found.add(Optional.of(new Found(both.getT1().get(i), both.getT2().get(i))));
                    }
                    return found;
                });
    }

    /** The place in the backlog is taken when the work is subscribed to and given back when it ends, however it ends. */
    public Mono<Outcome> authenticate(DigestCredentials credentials, String method, String source) {
        return Mono.defer(() -> {
            if (!backlog.tryEnter()) {
                return Mono.just(new Outcome(null, null, false, true));
            }
            return lookups.submit(new Lookup(credentials.username(), source, credentials.algorithm()))
                    .flatMap(found -> found.standing().lockout() != null ? Mono.just(new Outcome(null, found.standing().lockout(), false, false))
                            : verify(credentials, method, source, found))
                    .doFinally(signal -> backlog.leave());
        });
    }

    /**
     * Only when the lockout has failures of this name from this address on record does a success write (clear
     * them); a phone that keeps getting its password right costs the lockout no write.
     */
    private Mono<Outcome> verify(DigestCredentials credentials, String method, String source, Found lookedUp) {
        String username = credentials.username();
        boolean failures = lookedUp.standing().failures();
        return Mono.justOrEmpty(lookedUp.ha1())
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
