package org.switchboard.host.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;

/**
 * Pairing with an https API that has a self-signed certificate (an all-in-one server serving its API with
 * the XMPP certificate): the QR link's pin lets the phone trust exactly that certificate, even under a name
 * it does not carry; a wrong pin, or none, is refused before the code is sent.
 */
class PairingOverHttpsTest {

    private HttpsServer https;
    private TlsCertificate certificate;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        certificate = CertificateProvider.selfSigned(Files.createTempDirectory("pairing-https"), "chat.example.com");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", certificate.privateKey(), new char[0], certificate.chainArray());
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/api/v1/hosts/pair", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"host_id\": \"h1\", \"jid\": \"host-1@chat.example.com\", \"password\": \"pw\", \"xmpp_host\": "
                    + "\"chat.example.com\", \"xmpp_port\": 5222, \"gateway\": \"sms.chat.example.com\", \"tls_sha256\": \""
                    + certificate.sha256Hex() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    /** The server as phones reach it here: by address, a name the certificate does not carry. */
    private String link(String pin) {
        String server = URLEncoder.encode("https://127.0.0.1:" + https.getAddress().getPort(), StandardCharsets.UTF_8);
        return "switchboard://pair?server=" + server + "&code=123456" + (pin == null ? "" : "&fp=" + pin);
    }

    @Test
    void thePinnedCertificateIsTrustedForThePairingRequest() throws Exception {
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(link(certificate.sha256Hex()));
        HostCredentials credentials = PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link);
        assertThat(credentials.tlsSha256()).isEqualTo(certificate.sha256Hex());
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aWrongPinOrNoneIsRefusedBeforeTheCodeIsSent() {
        String right = certificate.sha256Hex();
        String wrong = (right.charAt(0) == '0' ? "1" : "0") + right.substring(1);
        for (String pin : new String[] {wrong, null}) {
            PairingClient.PairingLink link = PairingClient.PairingLink.parse(link(pin));
            assertThatThrownBy(() -> PairingClient.forLink(link, Duration.ofSeconds(30)).pair(link)).as(String.valueOf(pin))
                    .isInstanceOfSatisfying(PairingException.class, e -> assertThat(e.reason()).isEqualTo(PairingException.Reason.UNAVAILABLE));
        }
        assertThat(requests.get()).isZero();
    }
}
