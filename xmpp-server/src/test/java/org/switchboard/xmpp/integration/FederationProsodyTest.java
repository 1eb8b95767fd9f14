package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.TlsSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * Federation with a real Prosody on 127.0.0.2 (issue 16's acceptance): a Switchboard user and a Prosody user, each
 * with Smack, exchange messages and a presence subscription both ways, once with certificates from a test CA (SASL
 * EXTERNAL both ways) and once by dialback (neither side trusts the other's CA); and a Prosody whose certificate
 * this server does not trust is refused while dialback is off.
 */
class FederationProsodyTest {

    private static final String PASSWORD = "federation-test-password";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void usersTalkAndSubscribeBothWaysWithSaslExternal() throws Exception {
        Path dir = Files.createTempDirectory("federation-external");
        TestCa ca = new TestCa("Federation Test CA");
        Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = ca.issue(ProsodyPeer.DOMAIN, dir);
        int prosodyS2s = ProsodyPeer.freePort();
        try (RunningServer server = federating(ours, prosodyS2s, false, caPem);
             ProsodyPeer prosody = new ProsodyPeer(prosodyS2s, new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem,
                     true, RunningServer.DOMAIN, server.server.s2sPort()))) {
            talkBothWays(server, prosody, FederationPeers.trusting(ca.certificate()));
            assertThat(prosody.logged("Accepting SASL EXTERNAL identity from " + RunningServer.DOMAIN)).as("Prosody took our certificate").isTrue();
        }
    }

    @Test
    void usersTalkAndSubscribeBothWaysWithDialback() throws Exception {
        Path dir = Files.createTempDirectory("federation-dialback");
        TestCa ourCa = new TestCa("Switchboard Test CA");
        TestCa theirCa = new TestCa("Prosody Test CA");
        TestCa.Issued ours = ourCa.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = theirCa.issue(ProsodyPeer.DOMAIN, dir);
        // each side trusts only its own CA, so neither certificate proves anything to the other
        Path theirCaPem = theirCa.writeCertificate(dir.resolve("their-ca.pem"));
        int prosodyS2s = ProsodyPeer.freePort();
        try (RunningServer server = federating(ours, prosodyS2s, true, null);
             ProsodyPeer prosody = new ProsodyPeer(prosodyS2s, new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(),
                     theirCaPem, false, RunningServer.DOMAIN, server.server.s2sPort()))) {
            talkBothWays(server, prosody, FederationPeers.trusting(theirCa.certificate()));
            assertThat(prosody.logged("Accepting SASL EXTERNAL identity")).as("Prosody took our certificate").isFalse();
            // Prosody, asked by this server, vouched for its own key; and it found this server's key valid when it asked
            assertThat(prosody.logged("verifying that dialback key is ours...")).isTrue();
            assertThat(prosody.logged("is now authenticated for " + RunningServer.DOMAIN)).isTrue();
        }
    }

    @Test
    void aPeerWithACertificateThisServerDoesNotTrustIsRefusedWhenDialbackIsOff() throws Exception {
        Path dir = Files.createTempDirectory("federation-refused");
        TestCa ourCa = new TestCa("Switchboard Test CA");
        TestCa strangerCa = new TestCa("Unknown CA");
        TestCa.Issued ours = ourCa.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = strangerCa.issue(ProsodyPeer.DOMAIN, dir);
        Path ourCaPem = ourCa.writeCertificate(dir.resolve("our-ca.pem"));
        int prosodyS2s = ProsodyPeer.freePort();
        try (RunningServer server = federating(ours, prosodyS2s, false, ourCaPem);
             ProsodyPeer prosody = new ProsodyPeer(prosodyS2s, new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(),
                     strangerCa.writeCertificate(dir.resolve("stranger-ca.pem")), false, RunningServer.DOMAIN, server.server.s2sPort()))) {
            prosody.register("bob", PASSWORD);
            prosody.start();
            String alice = server.newAccount(PASSWORD);
            XMPPTCPConnection ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, PASSWORD);
            XMPPTCPConnection theirUser = prosody.login("bob", PASSWORD, FederationPeers.trusting(strangerCa.certificate()));
            try {
                BlockingQueue<Message> toOurs = FederationPeers.messages(ourUser);
                BlockingQueue<Message> toTheirs = FederationPeers.messages(theirUser);
                FederationPeers.send(ourUser, JidCreate.entityBareFrom("bob@" + ProsodyPeer.DOMAIN), "not to be delivered");
                Message bounced = FederationPeers.next(toOurs, "the error for a message to an untrusted peer");
                assertThat(bounced.getType()).isEqualTo(Message.Type.error);
                assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);

                FederationPeers.send(theirUser, ourUser.getUser().asEntityBareJid(), "not to be accepted");
                Message refused = FederationPeers.next(toTheirs, "Prosody's error for a message this server refused");
                assertThat(refused.getType()).isEqualTo(Message.Type.error);
                assertThat(toOurs).isEmpty();
            } finally {
                ourUser.disconnect();
                theirUser.disconnect();
            }
        }
    }

    private static RunningServer federating(TestCa.Issued certificate, int prosodyS2s, boolean dialback, Path trust) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(ProsodyPeer.DOMAIN, new HostAndPort(ProsodyPeer.ADDRESS, prosodyS2s)),
                dialback, trust, secret);
        return new RunningServer(settings -> settings
                .with(s -> s.tls = new TlsSettings(true, certificate.certificatePem(), certificate.keyPem()))
                .withS2s(s2s));
    }

    private static void talkBothWays(RunningServer server, ProsodyPeer prosody, javax.net.ssl.X509TrustManager prosodyTrust)
            throws Exception {
        prosody.register("bob", PASSWORD);
        prosody.start();
        FederationPeers.talkBothWays(server, prosody.login("bob", PASSWORD, prosodyTrust), PASSWORD, () -> prosody.log("prosody.log"));
    }
}
