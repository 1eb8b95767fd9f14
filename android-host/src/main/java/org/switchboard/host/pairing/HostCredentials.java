package org.switchboard.host.pairing;

import java.util.Locale;
import java.util.Objects;
import org.switchboard.host.connection.HostTrust;

/**
 * What pairing hands the phone (section 2 of the host protocol): the host account, its password, where the
 * server's XMPP port is, the gateway's address and the SHA-256 of the server's certificate to pin. Keep it
 * secret (encrypted preferences on Android); the password is never shown to anyone.
 *
 * @param tlsSha256 the server certificate's SHA-256 as 64 lower-case hex digits, or null when the server handed
 *                  out none (then the platform's CAs decide)
 */
public record HostCredentials(String hostId, String jid, String password, String xmppHost, int xmppPort, String gateway,
                              String tlsSha256) {

    /** Credentials without a certificate pin. */
    public HostCredentials(String hostId, String jid, String password, String xmppHost, int xmppPort, String gateway) {
        this(hostId, jid, password, xmppHost, xmppPort, gateway, null);
    }

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
        if (tlsSha256 != null) {
            tlsSha256 = normalizedFingerprint(tlsSha256);
        }
    }

    /** The pinned certificate when pairing gave one, else the platform's CAs. */
    public HostTrust trust() {
        return tlsSha256 != null ? HostTrust.pinnedSha256(tlsSha256) : HostTrust.systemDefault();
    }

    /** 64 hex digits, colons and case ignored, as 64 lower-case hex digits. */
    static String normalizedFingerprint(String fingerprint) {
        String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a certificate's SHA-256 fingerprint is 64 hex digits");
        }
        return hex;
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
                + ", gateway=" + gateway + ", tlsSha256=" + tlsSha256 + "]"; // without the password, which must not reach a log
    }
}
