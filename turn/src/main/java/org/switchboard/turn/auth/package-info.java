/**
 * The long-term credential mechanism of RFC 8489 §9.2 over coturn-style REST usernames: realm = domain,
 * stateless expiring nonces, password derived from the shared secret.
 */
package org.switchboard.turn.auth;
