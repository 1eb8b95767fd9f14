package org.switchboard.xmpp.integration;

import java.util.function.Consumer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;

/**
 * This server federated with a real other server (Prosody or ejabberd) by certificates from one test CA, SASL EXTERNAL
 * both ways, for the tests of features over s2s that run against each peer: the other server has a user {@code bob}.
 */
interface PeerFederation extends AutoCloseable {

    String PASSWORD = "federation-features-password";
    String CONFERENCE = "conference." + RunningServer.DOMAIN;

    /** Which other server; a test of a feature runs once with each. */
    enum Peer {
        PROSODY, EJABBERD;

        /** Skips the test (or fails it, as the environment asks) where this peer is not installed. */
        void requireInstalled() {
            if (this == PROSODY) {
                ProsodyPeer.requireInstalled();
            } else {
                EjabberdPeer.requireInstalled();
            }
        }

        /** Both servers started, the other with PEP (XEP-0163) when {@code pep}. */
        PeerFederation start(boolean pep) throws Exception {
            return this == PROSODY
                    ? pep ? new ProsodyFederation(settings -> settings, "pep") : new ProsodyFederation(settings -> settings)
                    : new EjabberdFederation(pep);
        }
    }

    RunningServer server();

    /** A client of Bob at the other server, not yet connected, that trusts the other server's certificate. */
    XMPPTCPConnection bobClient(String resource) throws Exception;

    /** Bob at the other server, logged in as {@code resource}. */
    default XMPPTCPConnection bob(String resource) throws Exception {
        XMPPTCPConnection connection = bobClient(resource);
        connection.connect().login();
        return connection;
    }

    /**
     * Bob logged in as {@code resource} with {@code node+notify} in his caps from the start (XEP-0163), {@code beforeLogin}
     * run first (a listener that must not miss what comes at once).
     */
    default XMPPTCPConnection bobWanting(String resource, Consumer<XMPPTCPConnection> beforeLogin, String... nodes) throws Exception {
        XMPPTCPConnection connection = bobClient(resource);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String node : nodes) {
            disco.addFeature(node + "+notify");
        }
        beforeLogin.accept(connection);
        connection.connect().login();
        return connection;
    }

    default XMPPTCPConnection bobWanting(String resource, String... nodes) throws Exception {
        return bobWanting(resource, connection -> { }, nodes);
    }

    /** The end of the other server's log, for failure messages. */
    String peerLog();

    @Override
    void close() throws Exception;
}
