package org.switchboard.xmpp.integration;

import java.util.function.UnaryOperator;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.switchboard.xmpp.s2s.HostAndPort;

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
        int ejabberdS2s = EjabberdPeer.freePort();
        FederationServer ours = new FederationServer(EjabberdPeer.DOMAIN, new HostAndPort(EjabberdPeer.ADDRESS, ejabberdS2s),
                UnaryOperator.identity(), CONFERENCE);
        server = ours.server;
        EjabberdPeer started = null;
        try {
            started = new EjabberdPeer(ejabberdS2s, ours.ejabberdSetup(ours.s2sPort()));
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
            ours.close();
            throw e;
        }
        ejabberd = started;
        trust = ours.trust;
    }

    @Override
    public RunningServer server() {
        return server;
    }

    @Override
    public XMPPTCPConnection bobClient(String resource) throws Exception {
        return ejabberd.client("bob", PASSWORD, trust, resource);
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
