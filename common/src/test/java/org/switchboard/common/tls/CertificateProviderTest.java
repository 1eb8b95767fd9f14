package org.switchboard.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.netty.buffer.ByteBufAllocator;

class CertificateProviderTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesOnceAndReusesTheSameCertificate() throws Exception {
        TlsCertificate first = CertificateProvider.resolve(null, null, dataDir, "chat.example.org");
        TlsCertificate second = CertificateProvider.resolve(null, null, dataDir, "chat.example.org");

        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        X509Certificate leaf = first.leaf();
        leaf.checkValidity();
        assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .containsExactlyInAnyOrder((Object) "chat.example.org", "*.chat.example.org");
        Path key = dataDir.resolve("tls/chat.example.org.key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void aGenerationKilledHalfWayIsRedoneOnTheNextStart() throws Exception {
        // a run killed after publishing the key but before the certificate, with a temporary file left over
        Path tls = Files.createDirectories(dataDir.resolve("tls"));
        Files.writeString(tls.resolve("chat.example.org.key.pem"), "-----BEGIN PRIVATE KEY-----\nhalf");
        Files.writeString(tls.resolve("crt123.tmp"), "-----BEGIN CERT");

        TlsCertificate generated = CertificateProvider.resolve(null, null, dataDir, "chat.example.org");

        TlsCertificate reloaded = CertificateProvider.fromPem(tls.resolve("chat.example.org.crt.pem"), tls.resolve("chat.example.org.key.pem"));
        assertThat(reloaded.sha256Fingerprint()).isEqualTo(generated.sha256Fingerprint());
        assertThat(reloaded.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
        try (var files = Files.list(tls)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("chat.example.org.key.pem", "chat.example.org.crt.pem");
        }
    }

    @Test
    void configuredPemFilesAreUsedAsGiven() {
        TlsCertificate generated = CertificateProvider.selfSigned(dataDir.resolve("elsewhere"), "example.net");
        Path certificate = dataDir.resolve("elsewhere/example.net.crt.pem");
        Path key = dataDir.resolve("elsewhere/example.net.key.pem");

        TlsCertificate loaded = CertificateProvider.resolve(certificate, key, dataDir, "ignored.example");

        assertThat(loaded.sha256Fingerprint()).isEqualTo(generated.sha256Fingerprint());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(generated.privateKey().getEncoded());
        assertThat(Files.exists(dataDir.resolve("tls"))).isFalse();
    }

    @Test
    void unreadablePemIsAClearStartupError() throws Exception {
        Path bogus = Files.writeString(dataDir.resolve("bogus.pem"), "not a certificate");

        assertThatThrownBy(() -> CertificateProvider.fromPem(bogus, bogus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus.pem");
    }

    @Test
    void serverContextOffersOnlyTls12AndTls13() {
        TlsCertificate certificate = CertificateProvider.selfSigned(dataDir, "example.com");

        SSLEngine engine = ServerSslContexts.forServer(certificate).newEngine(ByteBufAllocator.DEFAULT);

        assertThat(List.of(engine.getEnabledProtocols())).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }
}
