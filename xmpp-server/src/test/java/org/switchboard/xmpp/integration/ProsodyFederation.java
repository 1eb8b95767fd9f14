package org.switchboard.xmpp.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.switchboard.xmpp.TlsSettings;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * This server and a real Prosody federated with certificates from one test CA (SASL EXTERNAL both ways), for the
 * tests of features over s2s. Our certificate also names the conference service, which Prosody reaches as a domain
 * of its own; Prosody loads the modules a test asks for (PEP, carbons, …) and has a user {@code bob}.
 */
final class ProsodyFederation implements PeerFederation {


    final RunningServer server;
    final ProsodyPeer prosody;
    private final X509TrustManager prosodyTrust;

    ProsodyFederation(UnaryOperator<XmppSettings> adjust, String... prosodyModules) throws Exception {
        Path dir = Files.createTempDirectory("federation-features");
        TestCa ca = new TestCa("Federation Features Test CA");
        Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir, CONFERENCE);
        TestCa.Issued theirs = ca.issue(ProsodyPeer.DOMAIN, dir);
        int prosodyS2s = ProsodyPeer.freePort();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(ProsodyPeer.DOMAIN, new HostAndPort(ProsodyPeer.ADDRESS, prosodyS2s)),
                false, caPem, secret);
        server = new RunningServer(settings -> adjust.apply(settings
                .with(s -> s.tls = new TlsSettings(true, ours.certificatePem(), ours.keyPem()))
                .withS2s(s2s)));
        try {
            prosody = new ProsodyPeer(prosodyS2s, new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem, true,
                    RunningServer.DOMAIN, server.server.s2sPort()));
            prosody.enableModules(prosodyModules);
            prosody.routeAlso(CONFERENCE);
            prosody.register("bob", PASSWORD);
            prosody.start();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        prosodyTrust = FederationPeers.trusting(ca.certificate());
    }

    @Override
    public RunningServer server() {
        return server;
    }

    /** Bob at Prosody, logged in as {@code resource}. */
    @Override
    public XMPPTCPConnection bob(String resource) throws Exception {
        return prosody.login("bob", PASSWORD, prosodyTrust, resource);
    }

    @Override
    public XMPPTCPConnection bobWanting(String resource, Consumer<XMPPTCPConnection> beforeLogin, String... nodes) throws Exception {
        XMPPTCPConnection connection = prosody.client("bob", PASSWORD, prosodyTrust, resource);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String node : nodes) {
            disco.addFeature(node + "+notify");
        }
        beforeLogin.accept(connection);
        connection.connect().login();
        return connection;
    }

    /** Prosody's log's end, for failure messages. */
    String prosodyLog() {
        return prosody.log("prosody.log");
    }

    @Override
    public String peerLog() {
        return prosodyLog();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            prosody.close();
        } finally {
            server.close();
        }
    }
}
