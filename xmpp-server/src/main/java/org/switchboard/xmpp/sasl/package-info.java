/**
 * SASL for XMPP (RFC 6120 section 6): SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 5802, RFC 7677) against the
 * stored verifiers, PLAIN (RFC 4616) over TLS only, all behind the shared lockout.
 */
package org.switchboard.xmpp.sasl;
