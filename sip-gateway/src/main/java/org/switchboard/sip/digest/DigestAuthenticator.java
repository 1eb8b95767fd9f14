package org.switchboard.sip.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Localpart;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.lockout.Lockout;
import org.switchboard.sip.limits.Backlog;
import reactor.core.publisher.Mono;

/**
 * Checks digest credentials against an account: the lockout first, then the stored HA1 of the algorithm the
 * client chose, both read in one go for all the requests that arrive together (ADR 0047), or taken from the
 * {@link CredentialCache} (ADR 0056). An unknown name and a
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

    /** What the database (or the cache of it) says about one request's name before its answer is checked. */
    private record Found(AuthenticationGuard.Standing standing, Optional<AccountStore.SipCredentials> credentials) {
    }

    private record Lookup(String username, String source) {
        AuthenticationGuard.Attempt attempt() {
            return new AuthenticationGuard.Attempt(username, source);
        }
    }

    private static final AuthenticationGuard.Standing CLEAN = new AuthenticationGuard.Standing(null, false);
    /** Enough for a burst in one read. */
    private static final int MAX_BATCH = 128;
    /** Reads lock nothing, so several batches may run at once; each takes at most two connections. */
    private static final int MAX_RUNNING = 3;

    private final AccountStore accounts;
    private final AuthenticationGuard guard;
    private final Nonces nonces;
    private final Backlog backlog;
    private final CredentialCache cache;
    // the requests that arrive together are looked up together: at most two statements for the batch (ADR 0047)
    private final GroupCommit<Lookup, Found> lookups = new GroupCommit<>("SIP digest lookups", this::lookUpAll, MAX_BATCH, MAX_RUNNING);

    public DigestAuthenticator(AccountStore accounts, AuthenticationGuard guard, Nonces nonces, Backlog backlog, CredentialCache cache) {
        this.backlog = backlog;
        this.accounts = accounts;
        this.guard = guard;
        this.nonces = nonces;
        this.cache = cache;
    }

    /**
     * The standing and the account of every request of the batch: what the cache holds from it (ADR 0056), the rest
     * read with one statement each, both at once. What was read fills the cache unless a change was heard meanwhile.
     */
    private Mono<List<Optional<Found>>> lookUpAll(List<Lookup> batch) {
        return Mono.defer(() -> {
            CredentialCache.Generation before = cache.generation();
            int n = batch.size();
            AccountStore.SipCredentials[] credentials = new AccountStore.SipCredentials[n];
            AuthenticationGuard.Standing[] standings = new AuthenticationGuard.Standing[n];
            List<Integer> accountMisses = new ArrayList<>();
            List<Integer> standingMisses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Lookup lookup = batch.get(i);
                credentials[i] = cache.account(Localpart.normalizeOrNull(lookup.username()));
                if (credentials[i] == null) {
                    accountMisses.add(i);
                }
                if (cache.clean(lookup.attempt())) {
                    standings[i] = CLEAN;
                } else {
                    standingMisses.add(i);
                }
            }
            Mono<List<Optional<AccountStore.SipCredentials>>> readAccounts = accountMisses.isEmpty() ? Mono.just(List.of())
                    : accounts.findSipCredentials(accountMisses.stream().map(i -> batch.get(i).username()).toList());
            Mono<List<AuthenticationGuard.Standing>> readStandings = standingMisses.isEmpty() ? Mono.just(List.of())
                    : guard.standings(standingMisses.stream().map(i -> batch.get(i).attempt()).toList());
            return readStandings.zipWith(readAccounts).map(both -> {
                if (both.getT1().size() != standingMisses.size() || both.getT2().size() != accountMisses.size()) {
                    throw new IllegalStateException("a lookup of " + standingMisses.size() + " and " + accountMisses.size()
                            + " answered " + both.getT1().size() + " and " + both.getT2().size());
                }
                List<AccountStore.SipCredentials> read = new ArrayList<>();
                for (int k = 0; k < accountMisses.size(); k++) {
                    credentials[accountMisses.get(k)] = both.getT2().get(k).orElse(null);
                    both.getT2().get(k).ifPresent(read::add);
                }
                List<AuthenticationGuard.Attempt> clean = new ArrayList<>();
                for (int k = 0; k < standingMisses.size(); k++) {
                    int i = standingMisses.get(k);
                    standings[i] = both.getT1().get(k);
                    // no cache of standings of unknown names: guessing names must not fill it
                    if (standings[i].lockout() == null && !standings[i].failures() && credentials[i] != null) {
                        clean.add(batch.get(i).attempt());
                    }
                }
                cache.fill(before, read, clean);
                List<Optional<Found>> found = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    found.add(Optional.of(new Found(standings[i], Optional.ofNullable(credentials[i]))));
                }
                return found;
            });
        });
    }

    /** The place in the backlog is taken when the work is subscribed to and given back when it ends, however it ends. */
    public Mono<Outcome> authenticate(DigestCredentials credentials, String method, String source) {
        return Mono.defer(() -> {
            if (!backlog.tryEnter()) {
                return Mono.just(new Outcome(null, null, false, true));
            }
            return lookups.submit(new Lookup(credentials.username(), source))
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
        return Mono.justOrEmpty(lookedUp.credentials())
                .filter(found -> found.account().localpart().equals(username))
                .filter(found -> DigestVerifier.matches(credentials, found.ha1(credentials.algorithm()), method))
                .map(AccountStore.SipCredentials::account)
                .flatMap(account -> {
                    if (!nonces.use(credentials.nonce(), credentials.nonceCount())) {
                        // the right password, but this nonce-count was spent: a replay, not a guess
                        return Mono.just(new Outcome(null, null, true, false));
                    }
                    Outcome success = new Outcome(account, null, false, false);
                    return failures ? guard.recordSuccess(username, source).thenReturn(success) : Mono.just(success);
                })
                // this process's next request must not wait for the notice of its own failure (ADR 0056)
                .switchIfEmpty(Mono.defer(() -> guard.recordFailure(username, source, "sip")
                        .doOnTerminate(cache::standingsChanged)
                        .map(lockout -> new Outcome(null, lockout, false, false))
                        .defaultIfEmpty(Outcome.failed())));
    }
}
