/**
 * Server-to-server federation (RFC 6120 for servers): the listener on 5269 and direct TLS (XEP-0368
 * {@code _xmpps-server}), outgoing connections per remote domain with a bounded queue, peer authentication by
 * SASL EXTERNAL with PKIX-verified certificates or XEP-0220 dialback with XEP-0185 keys, and the check that a
 * peer only speaks for the domains it authenticated; limits per remote domain (connections, stanza rate) and per
 * address (streams not yet authenticated), XEP-0198 acknowledgements on streams both ways, and XEP-0288 bidirectional
 * streams. See docs/federation.md and ADRs 0015, 0051, 0053, 0054 and 0055.
 */
package org.switchboard.xmpp.s2s;
