package org.switchboard.xmpp.s2s;

/**
 * What the inbound and outbound streams share: which domains are ours, how peers' certificates are judged,
 * whether dialback is allowed, and the dialback keys.
 */
record PeerPolicy(LocalDomains domains, PeerCertificates certificates, boolean allowDialback, DialbackKeys keys) {
}
