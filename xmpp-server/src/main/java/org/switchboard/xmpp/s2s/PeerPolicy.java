package org.switchboard.xmpp.s2s;

/**
 * What the inbound and outbound streams share: which domains are ours, how peers' certificates are judged,
 * whether dialback is allowed, the dialback keys, and which remote domains this server federates with.
 */
record PeerPolicy(LocalDomains domains, PeerCertificates certificates, boolean allowDialback, DialbackKeys keys,
                  DomainPolicy remoteDomains) {
}
