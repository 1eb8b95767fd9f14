/**
 * The host's one XMPP connection (section 1 of the host protocol): Smack's TCP connection with STARTTLS to a
 * pinned or system-trusted certificate, XEP-0198 stream management with resumption, and a supervisor that
 * reconnects with exponential backoff and jitter after any loss. Uses only Smack API present in both
 * 4.5.0-beta5 (Android) and 4.5.0-rc1 (JVM).
 */
package org.switchboard.host.connection;
