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
 * Federation with a real ejabberd on 127.0.0.3 (issue 16's acceptance, the second peer after Prosody): a Switchboard
 * user and an ejabberd user, each with Smack, exchange messages, IQs and a presence subscription both ways, once with
 * certificates from a test CA (SASL EXTERNAL both ways) and once by dialback (neither side trusts the other's CA); and
 * an ejabberd whose certificate this server does not trust is refused while dialback is off.
 */
class FederationEjabberdTest {

    private static final String PASSWORD = "federation-test-password";

    @BeforeAll
    static void ejabberdInstalled() {
        EjabberdPeer.requireInstalled();
    }

    @Test
    void usersTalkAndSubscribeBothWaysWithSaslExternal() throws Exception {
        Path dir = Files.createTempDirectory("federation-ejabberd-external");
        TestCa ca = new TestCa("Federation Test CA");
        Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = ca.issue(EjabberdPeer.DOMAIN, dir);
        int ejabberdS2s = EjabberdPeer.freePort();
        try (RunningServer server = federating(ours, ejabberdS2s, false, caPem);
             EjabberdPeer ejabberd = new EjabberdPeer(ejabberdS2s, new EjabberdPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem,
                     false, RunningServer.DOMAIN, server.server.s2sPort()))) {
            ejabberd.start();
            ejabberd.register("bob", PASSWORD);
            FederationPeers.talkBothWays(server, ejabberd.login("bob", PASSWORD, FederationPeers.trusting(ca.certificate())), PASSWORD,
                    ejabberd::logTail);
            // without mod_s2s_dialback, ejabberd can only have authenticated by certificate, both ways
            assertThat(ejabberd.logged("Accepted inbound s2s EXTERNAL authentication " + RunningServer.DOMAIN))
                    .as("ejabberd took our certificate\n" + ejabberd.logTail()).isTrue();
        }
    }

    /**
     * Neither side trusts the other's CA, so each proves its domain by dialback: ejabberd checks our key over a
     * connection of its own (which needs the dialback prefix declared in our stream header), we check its key over ours.
     */
    @Test
    void usersTalkAndSubscribeBothWaysWithDialback() throws Exception {
        Path dir = Files.createTempDirectory("federation-ejabberd-dialback");
        TestCa ourCa = new TestCa("Switchboard Test CA");
        TestCa theirCa = new TestCa("ejabberd Test CA");
        TestCa.Issued ours = ourCa.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = theirCa.issue(EjabberdPeer.DOMAIN, dir);
        Path theirCaPem = theirCa.writeCertificate(dir.resolve("their-ca.pem"));
        int ejabberdS2s = EjabberdPeer.freePort();
        try (RunningServer server = federating(ours, ejabberdS2s, true, null);
             EjabberdPeer ejabberd = new EjabberdPeer(ejabberdS2s, new EjabberdPeer.Setup(theirs.certificatePem(), theirs.keyPem(),
                     theirCaPem, true, RunningServer.DOMAIN, server.server.s2sPort()))) {
            ejabberd.start();
            ejabberd.register("bob", PASSWORD);
            FederationPeers.talkBothWays(server, ejabberd.login("bob", PASSWORD, FederationPeers.trusting(theirCa.certificate())), PASSWORD,
                    ejabberd::logTail);
            assertThat(ejabberd.logged("Accepted inbound s2s EXTERNAL authentication")).as("ejabberd took our certificate").isFalse();
            assertThat(ejabberd.logged("Accepted inbound s2s dialback authentication " + RunningServer.DOMAIN))
                    .as("ejabberd checked our key\n" + ejabberd.logTail()).isTrue();
            assertThat(ejabberd.logged("Retrying with s2s dialback authentication: " + EjabberdPeer.DOMAIN))
                    .as("ejabberd proved its domain by dialback").isTrue();
        }
    }

    @Test
    void aPeerWithACertificateThisServerDoesNotTrustIsRefusedWhenDialbackIsOff() throws Exception {
        Path dir = Files.createTempDirectory("federation-ejabberd-refused");
        TestCa ourCa = new TestCa("Switchboard Test CA");
        TestCa strangerCa = new TestCa("Unknown CA");
        TestCa.Issued ours = ourCa.issue(RunningServer.DOMAIN, dir);
        TestCa.Issued theirs = strangerCa.issue(EjabberdPeer.DOMAIN, dir);
        Path ourCaPem = ourCa.writeCertificate(dir.resolve("our-ca.pem"));
        int ejabberdS2s = EjabberdPeer.freePort();
        try (RunningServer server = federating(ours, ejabberdS2s, false, ourCaPem);
             EjabberdPeer ejabberd = new EjabberdPeer(ejabberdS2s, new EjabberdPeer.Setup(theirs.certificatePem(), theirs.keyPem(),
                     ourCaPem, true, RunningServer.DOMAIN, server.server.s2sPort()))) {
            ejabberd.start();
            ejabberd.register("bob", PASSWORD);
            String alice = server.newAccount(PASSWORD);
            XMPPTCPConnection ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, PASSWORD);
            XMPPTCPConnection theirUser = ejabberd.login("bob", PASSWORD, FederationPeers.trusting(strangerCa.certificate()));
            try {
                BlockingQueue<Message> toOurs = FederationPeers.messages(ourUser);
                BlockingQueue<Message> toTheirs = FederationPeers.messages(theirUser);
                FederationPeers.send(ourUser, JidCreate.entityBareFrom("bob@" + EjabberdPeer.DOMAIN), "not to be delivered");
                Message bounced = FederationPeers.next(toOurs, "the error for a message to an untrusted peer");
                assertThat(bounced.getType()).isEqualTo(Message.Type.error);
                assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);

                FederationPeers.send(theirUser, ourUser.getUser().asEntityBareJid(), "not to be accepted");
                Message refused = FederationPeers.next(toTheirs, "ejabberd's error for a message this server refused\n" + ejabberd.logTail());
                assertThat(refused.getType()).isEqualTo(Message.Type.error);
                assertThat(toOurs).isEmpty();
            } finally {
                ourUser.disconnect();
                theirUser.disconnect();
            }
        }
    }

    private static RunningServer federating(TestCa.Issued certificate, int ejabberdS2s, boolean dialback, Path trust) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(EjabberdPeer.DOMAIN, new HostAndPort(EjabberdPeer.ADDRESS, ejabberdS2s)),
                dialback, trust, secret);
        return new RunningServer(settings -> settings
                .with(s -> s.tls = new TlsSettings(true, certificate.certificatePem(), certificate.keyPem()))
                .withS2s(s2s));
    }
}
