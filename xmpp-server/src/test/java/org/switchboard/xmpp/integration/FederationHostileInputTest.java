package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * What a peer may not do, driven by hand over real sockets: a peer authenticated for one domain that sends a stanza
 * from another is cut off with {@code invalid-from}; stanzas before authentication, streams to domains this server
 * does not serve, and SASL EXTERNAL with a certificate for another domain are refused.
 */
class FederationHostileInputTest {

    private static final String PEER = "peer.test";
    private static TestCa ca;
    private static TestCa.Issued peerCertificate;
    @StartedServer(settings = "trustingTheTestCa") private static RunningServer server;

    /** Federation trusting a new test CA, which issues the peer's certificate. */
    static XmppSettings trustingTheTestCa(XmppSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("federation-hostile");
        ca = new TestCa("Hostile Test CA");
        peerCertificate = ca.issue(PEER, dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path trusted = ca.writeCertificate(dir.resolve("ca.pem"));
        return settings.withS2s(S2sSettings.forTests(Map.of(), false, trusted, secret));
    }

    @Test
    void aStanzaFromADomainThePeerDidNotAuthenticateEndsTheStreamWithInvalidFrom() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            String features = peer.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN);
            assertThat(features).contains("<mechanism>EXTERNAL</mechanism>");
            assertThat(peer.external(PEER, RunningServer.DOMAIN)).contains("<stream:features");
            peer.send("<message from='mallory@elsewhere.test' to='someone@" + RunningServer.DOMAIN + "'><body>spoofed</body></message>");
            String answer = peer.readUntil("</stream:stream>");
            assertThat(answer).contains("<invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
    }

    @Test
    void directTlsAcceptsTheSamePeerAndAlsoChecksFrom() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            String features = peer.directTls(server.server.s2sDirectTlsPort(), PEER, RunningServer.DOMAIN);
            assertThat(features).contains("<mechanism>EXTERNAL</mechanism>").doesNotContain("starttls");
            assertThat(peer.external(PEER, RunningServer.DOMAIN)).contains("<stream:features");
            peer.send("<presence from='x@" + PEER + ".evil' to='someone@" + RunningServer.DOMAIN + "'/>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
        }
    }

    @Test
    void aStanzaBeforeAuthenticationIsRefused() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            peer.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN);
            peer.send("<message from='a@" + PEER + "' to='someone@" + RunningServer.DOMAIN + "'><body>early</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<not-authorized");
        }
    }

    @Test
    void externalForAnotherDomainThanTheCertificateNamesIsNotOffered() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            String features = peer.startTls(server.server.s2sPort(), "other.test", RunningServer.DOMAIN);
            assertThat(features).doesNotContain("EXTERNAL").doesNotContain(":features:dialback");
            assertThat(peer.external("other.test", RunningServer.DOMAIN)).contains("<failure").contains("not-authorized");
        }
    }

    @Test
    void dialbackIsRefusedWhenItIsOff() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            peer.startTls(server.server.s2sPort(), "other.test", RunningServer.DOMAIN);
            peer.send("<db:result from='other.test' to='" + RunningServer.DOMAIN + "'>0123abcd</db:result>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<not-authorized");
        }
    }

    @Test
    void aStreamToADomainThisServerDoesNotServeIsRefused() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            assertThatThrownBy(() -> peer.startTls(server.server.s2sPort(), PEER, "not-served.test"))
                    .hasMessageContaining("<host-unknown");
        }
    }

    @Test
    void aPeerCannotSpeakForThisServersOwnDomainEvenWithACertificateForIt() throws Exception {
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, Files.createTempDirectory("federation-own-domain"));
        try (RawPeer peer = new RawPeer(ours)) {
            assertThatThrownBy(() -> peer.startTls(server.server.s2sPort(), RunningServer.DOMAIN, RunningServer.DOMAIN))
                    .hasMessageContaining("<invalid-from");
        }
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            peer.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN);
            peer.send("<db:result from='" + RunningServer.DOMAIN + "' to='" + RunningServer.DOMAIN + "'>0123abcd</db:result>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<invalid-from");
        }
    }

    @Test
    void aStanzaToAnotherServerIsNotRelayed() throws Exception {
        try (RawPeer peer = new RawPeer(peerCertificate)) {
            peer.startTls(server.server.s2sPort(), PEER, RunningServer.DOMAIN);
            peer.external(PEER, RunningServer.DOMAIN);
            peer.send("<message from='a@" + PEER + "' to='b@third.test'><body>relay me</body></message>");
            assertThat(peer.readUntil("</stream:stream>")).contains("<host-unknown");
        }
    }
}
