package org.switchboard.host.pairing;

import java.util.Objects;

/**
 * What pairing hands the phone (section 2 of the host protocol): the host account, its password, where the
 * server's XMPP port is and the gateway's address. Keep it secret (encrypted preferences on Android); the
 * password is never shown to anyone.
 */
public record HostCredentials(String hostId, String jid, String password, String xmppHost, int xmppPort, String gateway) {

    public HostCredentials {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(xmppHost, "xmppHost");
        Objects.requireNonNull(gateway, "gateway");
        if (jid.indexOf('@') < 1 || jid.indexOf('/') >= 0) {
            throw new IllegalArgumentException("jid must be a bare localpart@domain");
        }
        if (xmppPort < 1 || xmppPort > 65535) {
            throw new IllegalArgumentException("xmppPort out of range");
        }
    }

    public String localpart() {
        return jid.substring(0, jid.indexOf('@'));
    }

    public String domain() {
        return jid.substring(jid.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return "HostCredentials[hostId=" + hostId + ", jid=" + jid + ", xmppHost=" + xmppHost + ", xmppPort=" + xmppPort
                + ", gateway=" + gateway + "]"; // without the password, which must not reach a log
    }
}
