package org.switchboard.common.lockout;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The lockout shared by every protocol: each authentication checks it first, then reports its outcome.
 * Protocols name themselves ("xmpp", "api", "sip") so admins can see where failures came from.
 */
public interface AuthenticationGuard {

    /** The lockout in force for this account name or address, or empty when authentication may proceed. */
    Mono<Lockout> check(String localpart, String sourceAddress);

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
