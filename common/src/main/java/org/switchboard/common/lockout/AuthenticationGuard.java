package org.switchboard.common.lockout;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The lockout shared by every protocol: each authentication checks it first, then reports its outcome.
 * Protocols name themselves ("xmpp", "api", "sip") so admins can see where failures came from.
 */
public interface AuthenticationGuard {

    /** The lockout in force for this account name or address, or empty when authentication may proceed. */
    Mono<Lockout> check(String localpart, String sourceAddress);

    /**
     * What an authentication from here may need to know in one look: the lockout in force (null when none), and
     * whether failures of this account name from this address are on record, which a success would clear.
     */
    record Standing(Lockout lockout, boolean failures) {
    }

    /** An account name and the address an authentication of it comes from. */
    record Attempt(String localpart, String sourceAddress) {
    }

    /**
     * {@link #check} of many attempts at once, each with whether {@link #recordSuccess} would have anything to
     * clear, answered in order: a protocol whose users succeed far more often than they fail (SIP re-registers
     * every few minutes) then pays no write for a success, and one read for all the requests that arrive
     * together. Failures recorded after this look are not cleared by the success that follows it, just as those
     * recorded after a clear are not; both count towards a lock as they should. The default checks one by one
     * and says there may be failures, so the caller always clears.
     */
    default Mono<List<Standing>> standings(List<Attempt> attempts) {
        return Flux.fromIterable(attempts)
                .concatMap(attempt -> check(attempt.localpart(), attempt.sourceAddress()).map(lockout -> new Standing(lockout, true))
                        .defaultIfEmpty(new Standing(null, true)))
                .collectList();
    }

    /** Records a failure; returns the lockout it caused, if any. */
    Mono<Lockout> recordFailure(String localpart, String sourceAddress, String protocol);

    /** A successful authentication clears the account's failure count. */
    Mono<Void> recordSuccess(String localpart, String sourceAddress);

    /** An admin lifting a lockout of an account name. */
    Mono<Void> clear(String localpart);

    /** The locks in force now, the latest first, at most {@code limit}: what admins review. */
    Flux<ActiveLockout> active(int limit);

    /**
     * An admin lifting one lock and forgetting the failures that caused it, so the next attempt is not locked
     * again at once; false when no such lock was in force.
     */
    Mono<Boolean> lift(Lockout.Scope scope, String subject);
}
