package org.switchboard.xmpp.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.switchboard.xmpp.TlsSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * This server and a real ejabberd federated with certificates from one test CA (SASL EXTERNAL both ways), as
 * {@link ProsodyFederation} with Prosody. ejabberd finds our conference service through its test DNS, as our domain;
 * with PEP it loads mod_pubsub with the {@code pep} plugin.
 */
final class EjabberdFederation implements PeerFederation {

    private final RunningServer server;
    private final EjabberdPeer ejabberd;
    private final X509TrustManager trust;

    EjabberdFederation(boolean pep) throws Exception {
        Path dir = Files.createTempDirectory("federation-features-ejabberd");
        TestCa ca = new TestCa("Federation Features Test CA");
        Path caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir, CONFERENCE);
        TestCa.Issued theirs = ca.issue(EjabberdPeer.DOMAIN, dir);
        int ejabberdS2s = EjabberdPeer.freePort();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(EjabberdPeer.DOMAIN, new HostAndPort(EjabberdPeer.ADDRESS, ejabberdS2s)),
                false, caPem, secret);
        server = new RunningServer(settings -> settings
                .with(s -> s.tls = new TlsSettings(true, ours.certificatePem(), ours.keyPem()))
                .withS2s(s2s));
        EjabberdPeer started = null;
        try {
            started = new EjabberdPeer(ejabberdS2s, new EjabberdPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem, false,
                    RunningServer.DOMAIN, server.server.s2sPort()));
            if (pep) {
                started.enableModules("mod_pubsub: {plugins: [flat, pep]}");
            }
            started.routeAlso(CONFERENCE);
            started.start();
            started.register("bob", PASSWORD);
        } catch (Exception | Error e) {
            if (started != null) {
                started.close();
            }
            server.close();
            throw e;
        }
        ejabberd = started;
        trust = FederationPeers.trusting(ca.certificate());
    }

    @Override
    public RunningServer server() {
        return server;
    }

    @Override
    public XMPPTCPConnection bob(String resource) throws Exception {
        return ejabberd.login("bob", PASSWORD, trust, resource);
    }

    @Override
    public XMPPTCPConnection bobWanting(String resource, Consumer<XMPPTCPConnection> beforeLogin, String... nodes) throws Exception {
        XMPPTCPConnection connection = ejabberd.client("bob", PASSWORD, trust, resource);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String node : nodes) {
            disco.addFeature(node + "+notify");
        }
        beforeLogin.accept(connection);
        connection.connect().login();
        return connection;
    }

    @Override
    public String peerLog() {
        return ejabberd.logTail();
    }

    @Override
    public void close() throws Exception {
        try {
            ejabberd.close();
        } finally {
            server.close();
        }
    }
}
