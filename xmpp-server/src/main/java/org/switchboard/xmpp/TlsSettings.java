package org.switchboard.xmpp;

import java.nio.file.Path;

/**
 * The server's TLS.
 *
 * @param starttlsRequired refuse authentication before TLS ({@code SWITCHBOARD_XMPP_STARTTLS_REQUIRED}, true)
 * @param certificatePem   PEM chain ({@code SWITCHBOARD_TLS_CERT}); null for a self-signed one kept in the data directory
 * @param keyPem           PEM private key ({@code SWITCHBOARD_TLS_KEY})
 */
public record TlsSettings(boolean starttlsRequired, Path certificatePem, Path keyPem) {

    public static final TlsSettings SELF_SIGNED = new TlsSettings(true, null, null);

    public TlsSettings {
        if ((certificatePem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY must be set together");
        }
    }
}
