package org.switchboard.xmpp.integration;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PEP (XEP-0163) over s2s with a real Prosody and a real ejabberd: a Switchboard user and a user there with a mutual
 * presence subscription, each announcing {@code tune+notify} in their caps, get each other's User Tune (XEP-0118) events
 * as they are published (our server learns what the other client's caps mean with a disco#info over s2s), and a new
 * client of each gets the other's last tune when it comes online.
 */
class FederationPepTest {

    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final String EVENT = "http://jabber.org/protocol/pubsub#event";

    @ParameterizedTest
    @EnumSource(PeerFederation.Peer.class)
    void tuneEventsReachTheContactOnTheOtherServerBothWays(PeerFederation.Peer peer) throws Exception {
        peer.requireInstalled();
        try (PeerFederation federation = peer.start(true)) {
            String alice = federation.server().newAccount(PeerFederation.PASSWORD);
            XMPPTCPConnection ours = PepClients.connectWanting(federation.server(), alice, PeerFederation.PASSWORD, "desk", TUNE);
            XMPPTCPConnection theirs = federation.bobWanting("phone", TUNE);
            XMPPTCPConnection later = null;
            XMPPTCPConnection ourLater = null;
            try {
                BlockingQueue<String> atOurs = events(ours);
                BlockingQueue<String> atTheirs = events(theirs);
                FederationPeers.subscribeBothWays(ours, theirs);

                // live: if our server is still asking what bob's caps mean, the answer brings him the item as the last one
                publishTune(ours, "alice first");
                awaitEvent(atTheirs, "alice first", "our user's tune at the other server", federation);
                publishTune(theirs, "bob first");
                awaitEvent(atOurs, "bob first", "the other server's user's tune here", federation);

                // the last item on presence (XEP-0163 section 4.3.3): a new client of each comes online
                BlockingQueue<String> atTheirLater = new LinkedBlockingQueue<>();
                later = federation.bobWanting("tablet", connection -> events(connection, atTheirLater), TUNE);
                awaitEvent(atTheirLater, "alice first", "our user's last tune at the other server's new client", federation);
                ourLater = SmackClients.connectWithoutLogin(federation.server(), SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice,
                        PeerFederation.PASSWORD, "laptop");
                ServiceDiscoveryManager.getInstanceFor(ourLater).addFeature(TUNE + "+notify");
                BlockingQueue<String> atOurLater = events(ourLater);
                ourLater.login();
                awaitEvent(atOurLater, "bob first", "the other server's user's last tune at our new client", federation);

                publishTune(ours, "alice second");
                awaitEvent(atTheirs, "alice second", "our user's second tune at the other server", federation);
            } finally {
                ours.disconnect();
                theirs.disconnect();
                if (later != null) {
                    later.disconnect();
                }
                if (ourLater != null) {
                    ourLater.disconnect();
                }
            }
        }
    }

    private static void publishTune(XMPPTCPConnection connection, String title) throws Exception {
        PepClients.pubsub(connection, IQ.Type.set, null, PepClients.PUBSUB, "<publish node='" + TUNE + "'><item id='current'>"
                + "<tune xmlns='" + TUNE + "'><title>" + title + "</title></tune></item></publish>");
    }

    /** Every PEP event message a client gets, as XML. */
    private static BlockingQueue<String> events(XMPPTCPConnection connection) {
        return events(connection, new LinkedBlockingQueue<>());
    }

    private static BlockingQueue<String> events(XMPPTCPConnection connection, BlockingQueue<String> events) {
        connection.addSyncStanzaListener(stanza -> events.add(stanza.toXML().toString()),
                stanza -> stanza instanceof Message && stanza.hasExtension("event", EVENT));
        return events;
    }

    /**
     * Waits for an event carrying a tune titled {@code title}; events for other tunes on the way are passed over. A
     * failure says {@code what} was awaited, with the peer's log taken when the wait has failed, so the log shows the wait.
     */
    private static void awaitEvent(BlockingQueue<String> events, String title, String what, PeerFederation federation)
            throws InterruptedException {
        long deadline = System.nanoTime() + FederationPeers.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && event.contains("<title>" + title + "</title>")) {
                return;
            }
        }
        throw new AssertionError("no event for the tune '" + title + "': " + what + "\n" + federation.peerLog());
    }
}
