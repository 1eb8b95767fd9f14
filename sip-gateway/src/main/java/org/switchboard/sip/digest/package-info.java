/**
 * SIP digest authentication: RFC 3261 section 22 with RFC 2617 / RFC 7616 digests, MD5 and SHA-256
 * (RFC 8760). Challenges carry nonces that expire ({@code stale=true}) and whose nonce-count may only rise,
 * so a captured response cannot be replayed. What every check reads is kept in memory between changes that
 * PostgreSQL announces ({@link org.switchboard.sip.digest.CredentialCache}, ADR 0056).
 */
package org.switchboard.sip.digest;
