package org.switchboard.api.hosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;

/**
 * The SHA-256 of the certificate the XMPP server presents, handed to a phone at pairing (answer and QR link)
 * so that it connects to that server and no other, even when the certificate is self-signed. Where it comes
 * from, first found: the certificate every TLS listener of this process uses (the all-in-one server's), the
 * file {@code SWITCHBOARD_TLS_CERT}, or the self-signed certificate in {@code <data dir>/tls/}. With none of
 * them (an API process apart from its XMPP server, which keeps its own data directory) phones get no pin.
 *
 * @param sha256 64 lower-case hex digits, or null for no pin
 */
record XmppCertificatePin(String sha256) {

    private static final Logger log = LoggerFactory.getLogger(XmppCertificatePin.class);

    static XmppCertificatePin resolve(HostSettings settings, TlsCertificate inProcess, Environment env, CoreSettings core) {
        if (!settings.pinTls()) {
            return new XmppCertificatePin(null);
        }
        if (inProcess != null) {
            return new XmppCertificatePin(inProcess.sha256Hex());
        }
        String configured = env.string("SWITCHBOARD_TLS_CERT", null);
        Path file = configured != null ? Path.of(configured) : core.dataDir().resolve("tls").resolve(core.domain() + ".crt.pem");
        if (configured == null && !Files.isRegularFile(file)) {
            log.warn("No TLS certificate in this process, in SWITCHBOARD_TLS_CERT or in {}: paired phones get no certificate pin "
                    + "and trust the platform's CAs", file);
            return new XmppCertificatePin(null);
        }
        X509Certificate leaf = CertificateProvider.leafOf(file);
        return new XmppCertificatePin(TlsCertificate.sha256Hex(leaf));
    }
}
