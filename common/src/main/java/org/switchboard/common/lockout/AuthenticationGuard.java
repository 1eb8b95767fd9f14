package org.switchboard.common.lockout;

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
}
