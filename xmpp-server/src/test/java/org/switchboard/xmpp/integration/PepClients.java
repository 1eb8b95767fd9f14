package org.switchboard.xmpp.integration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jxmpp.jid.Jid;
import org.switchboard.xmpp.im.roster.RosterItem;
import org.switchboard.xmpp.im.roster.RosterStore;
import org.switchboard.xmpp.im.roster.Subscription;

/** Helpers for PEP tests: clients announcing +notify in their caps, mutual presence subscriptions, raw pubsub IQs. */
final class PepClients {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";

    private PepClients() {
    }

    /** Logged in with {@code node+notify} for each node in its caps, so its initial presence already asks for them. */
    static XMPPTCPConnection connectWanting(RunningServer running, String user, String password, String resource, String... nodes)
            throws Exception {
        XMPPTCPConnection connection = SmackClients.connectWithoutLogin(running, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256",
                user, password, resource);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String node : nodes) {
            disco.addFeature(node + "+notify");
        }
        // the server asks a session with caps it does not know what they mean (disco#info); until the answer is handled
        // it does not know which nodes the session wants, so wait for that the way a client cannot race it
        StanzaCollector asked = connection.createStanzaCollector(stanza -> stanza instanceof DiscoverInfo info
                && info.getType() == IQ.Type.get && connection.getXMPPServiceDomain().equals(info.getFrom()));
        CompletableFuture<Void> answered = new CompletableFuture<>();
        connection.addStanzaSendingListener(stanza -> answered.complete(null),
                stanza -> stanza instanceof DiscoverInfo info && info.getType() == IQ.Type.result);
        // made before login: a manager made later adds its feature, and Smack sends presence again with new caps
        PingManager ping = PingManager.getInstanceFor(connection);
        connection.login();
        ping.pingMyServer();
        // the query, if any, was sent while the server handled the presence, so it arrived before the ping's answer
        if (asked.pollResult() != null) {
            answered.get(10, TimeUnit.SECONDS);
            // the answer and this ping come from one session, so the server handles them in order
            ping.pingMyServer();
        }
        asked.cancel();
        return connection;
    }

    /** Both accounts subscribed to each other's presence, stored as the roster module would after the RFC 6121 handshake. */
    static void befriend(RunningServer running, String a, String b) {
        RosterStore rosters = new RosterStore(running.db);
        org.switchboard.xmpp.stanza.Jid ja = org.switchboard.xmpp.stanza.Jid.parse(a + "@" + RunningServer.DOMAIN);
        org.switchboard.xmpp.stanza.Jid jb = org.switchboard.xmpp.stanza.Jid.parse(b + "@" + RunningServer.DOMAIN);
        rosters.save(ja, new RosterItem(jb, null, Subscription.BOTH, false, false, false, List.of("Friends"), true)).block();
        rosters.save(jb, new RosterItem(ja, null, Subscription.BOTH, false, false, false, List.of("Friends"), true)).block();
    }

    /** Sends a pubsub IQ given as the XML inside {@code <pubsub/>} and waits for the result (an error throws). */
    static IQ pubsub(XMPPTCPConnection connection, IQ.Type type, Jid to, String namespace, String inner) throws Exception {
        return connection.sendIqRequestAndWaitForResponse(new RawIq(type, to, namespace, inner));
    }

    static final class RawIq extends IQ {
        private final String inner;

        RawIq(Type type, Jid to, String namespace, String inner) {
            super("pubsub", namespace);
            setType(type);
            setTo(to);
            this.inner = inner;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.append(inner);
            return xml;
        }
    }

    /** A publish with publish-options given as field var/value pairs. */
    static String publish(String node, String itemId, String payload, String... options) {
        StringBuilder xml = new StringBuilder("<publish node='" + node + "'><item" + (itemId == null ? "" : " id='" + itemId + "'") + ">"
                + payload + "</item></publish>");
        if (options.length > 0) {
            xml.append("<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                    + "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>");
            for (int i = 0; i < options.length; i += 2) {
                xml.append("<field var='").append(options[i]).append("'><value>").append(options[i + 1]).append("</value></field>");
            }
            xml.append("</x></publish-options>");
        }
        return xml.toString();
    }
}
