package org.switchboard.xmpp.integration;

import java.util.function.UnaryOperator;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.HostAndPort;

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
        int prosodyS2s = ProsodyPeer.freePort();
        FederationServer ours = new FederationServer(ProsodyPeer.DOMAIN, new HostAndPort(ProsodyPeer.ADDRESS, prosodyS2s),
                adjust, CONFERENCE);
        server = ours.server;
        try {
            prosody = new ProsodyPeer(prosodyS2s, ours.prosodySetup(ours.s2sPort()));
            prosody.enableModules(prosodyModules);
            prosody.routeAlso(CONFERENCE);
            prosody.register("bob", PASSWORD);
            prosody.start();
        } catch (Exception | Error e) {
            ours.close();
            throw e;
        }
        prosodyTrust = ours.trust;
    }

    @Override
    public RunningServer server() {
        return server;
    }

    @Override
    public XMPPTCPConnection bobClient(String resource) throws Exception {
        return prosody.client("bob", PASSWORD, prosodyTrust, resource);
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
