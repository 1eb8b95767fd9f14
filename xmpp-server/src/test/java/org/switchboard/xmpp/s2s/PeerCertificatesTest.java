package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerCertificatesTest {

    @Test
    void aChainFromTheExtraTrustedCaProvesTheDomainItNames() throws Exception {
        Path dir = Files.createTempDirectory("peer-certs");
        TestCa ca = new TestCa("Trusted");
        TestCa.Issued issued = ca.issue("peer.test", dir);
        PeerCertificates certificates = PeerCertificates.load(ca.writeCertificate(dir.resolve("ca.pem")));
        assertThat(certificates.problem(List.of(issued.leaf(), ca.certificate()), "peer.test")).isNull();
        assertThat(certificates.problem(List.of(issued.leaf()), "peer.test")).isNull();
        assertThat(certificates.problem(List.of(issued.leaf()), "other.test")).contains("does not name other.test");
        assertThat(certificates.problem(List.of(), "peer.test")).isEqualTo("no certificate was presented");
    }

    @Test
    void aChainFromAnUnknownCaIsNotTrusted() throws Exception {
        Path dir = Files.createTempDirectory("peer-certs");
        TestCa stranger = new TestCa("Stranger");
        TestCa.Issued issued = stranger.issue("peer.test", dir);
        assertThat(PeerCertificates.load(null).problem(List.of(issued.leaf(), stranger.certificate()), "peer.test"))
                .startsWith("the certificate chain is not trusted");
    }

    @Test
    void anUnreadableOrEmptyTrustFileIsNamed() throws Exception {
        Path empty = Files.createTempFile("empty", ".pem");
        assertThatThrownBy(() -> PeerCertificates.load(empty)).hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> PeerCertificates.load(Path.of("/nonexistent/ca.pem"))).hasMessageContaining("/nonexistent/ca.pem");
    }

    @Test
    void wildcardsCoverExactlyOneLeftMostLabel() {
        assertThat(PeerCertificates.matches("*.example.org", "chat.example.org")).isTrue();
        assertThat(PeerCertificates.matches("*.example.org", "example.org")).isFalse();
        assertThat(PeerCertificates.matches("*.example.org", "a.chat.example.org")).isFalse();
        assertThat(PeerCertificates.matches("*.org", "example.org")).isFalse();
        assertThat(PeerCertificates.matches("example.org", "example.org")).isTrue();
    }
}
