package org.switchboard.xmpp.s2s;

/** One place to try for a remote domain, and whether TLS starts with the first byte (XEP-0368) or by STARTTLS. */
record PeerTarget(String host, int port, boolean directTls) {

    @Override
    public String toString() {
        return host + ":" + port + (directTls ? " (direct TLS)" : "");
    }
}
