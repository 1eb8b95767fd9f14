package org.switchboard.xmpp.integration;

import java.util.function.Consumer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

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

    /** Bob at the other server, logged in as {@code resource}. */
    XMPPTCPConnection bob(String resource) throws Exception;

    /**
     * Bob logged in as {@code resource} with {@code node+notify} in his caps from the start (XEP-0163), {@code beforeLogin}
     * run first (a listener that must not miss what comes at once).
     */
    XMPPTCPConnection bobWanting(String resource, Consumer<XMPPTCPConnection> beforeLogin, String... nodes) throws Exception;

    default XMPPTCPConnection bobWanting(String resource, String... nodes) throws Exception {
        return bobWanting(resource, connection -> { }, nodes);
    }

    /** The end of the other server's log, for failure messages. */
    String peerLog();

    @Override
    void close() throws Exception;
}
