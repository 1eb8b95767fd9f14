package org.switchboard.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;

/** Where the pin handed out at pairing comes from, in the order the class documents. */
class XmppCertificatePinTest {

    @TempDir
    Path dataDir;

    private static HostSettings settings(Environment env) {
        return HostSettings.from(env);
    }

    @Test
    void thePinIsTheCertificateTheServerPresents() {
        CoreSettings core = CoreSettings.defaults("pin.test", dataDir);
        Environment none = new Environment(Map.of());
        assertThat(XmppCertificatePin.resolve(settings(none), null, none, core).sha256()).isNull();

        // the self-signed certificate an XMPP server of the same data directory generated
        TlsCertificate generated = CertificateProvider.selfSigned(dataDir.resolve("tls"), "pin.test");
        assertThat(XmppCertificatePin.resolve(settings(none), null, none, core).sha256()).isEqualTo(generated.sha256Hex()).matches("[0-9a-f]{64}");

        // the configured certificate wins over the data directory, and this process's own over both
        TlsCertificate other = CertificateProvider.selfSigned(dataDir.resolve("elsewhere"), "other.test");
        Environment configured = new Environment(Map.of("SWITCHBOARD_TLS_CERT", dataDir.resolve("elsewhere/other.test.crt.pem").toString()));
        assertThat(XmppCertificatePin.resolve(settings(configured), null, configured, core).sha256()).isEqualTo(other.sha256Hex());
        assertThat(XmppCertificatePin.resolve(settings(configured), generated, configured, core).sha256()).isEqualTo(generated.sha256Hex());

        Environment off = new Environment(Map.of("SWITCHBOARD_API_PAIRING_PIN_TLS", "false"));
        assertThat(XmppCertificatePin.resolve(settings(off), generated, off, core).sha256()).isNull();
    }
}
