package org.switchboard.app;

import java.nio.file.Path;
import java.util.Map;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.tls.CertificateProvider;

/**
 * HTTPS for the REST API ({@code SWITCHBOARD_API_TLS=true}) with the certificate XMPP and TURN use: the
 * configured PEM files, or the self-signed pair kept in the data directory. The web server needs files before
 * Spring starts, which is why this is resolved by the launcher rather than by a bean.
 */
final class ApiTls {

    private ApiTls() {
    }

    static Map<String, Object> springProperties(Environment env, CoreSettings core) {
        String certificate = env.string("SWITCHBOARD_TLS_CERT", null);
        String key = env.string("SWITCHBOARD_TLS_KEY", null);
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY must be set together");
        }
        if (certificate == null) {
            Path directory = core.dataDir().resolve("tls");
            CertificateProvider.selfSigned(directory, core.domain());
            certificate = directory.resolve(core.domain() + ".crt.pem").toString();
            key = directory.resolve(core.domain() + ".key.pem").toString();
        }
        return Map.of(
                "server.ssl.enabled", "true",
                "server.ssl.certificate", "file:" + certificate,
                "server.ssl.certificate-private-key", "file:" + key,
                "server.ssl.enabled-protocols", "TLSv1.3,TLSv1.2");
    }
}
