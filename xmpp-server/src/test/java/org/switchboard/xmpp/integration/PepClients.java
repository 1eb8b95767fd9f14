package org.switchboard.xmpp.integration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
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

    /** Logged in with {@code node+notify} for each node in its caps, and the server knowing what they mean. */
    static XMPPTCPConnection connectWanting(RunningServer running, String user, String password, String resource, String... nodes)
            throws Exception {
        XMPPTCPConnection connection = SmackClients.connectWithoutLogin(running, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256",
                user, password, resource);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (String node : nodes) {
            disco.addFeature(node + "+notify");
        }
        // Smack sometimes sends its initial presence with caps computed before the features above (and answers the
        // server's disco#info about them without the +notify features), then, later, a presence with the final
        // caps. The server asks a session about caps it does not know and learns its interests only from the
        // answer; a ver it knows without asking is one whose answer named +notify features (it keeps no others).
        // So wait until the last presence sent carries caps the server knows with these features: asked and
        // answered with them, or never asked. A ping's answer comes after the server handled what came before.
        Set<String> asked = ConcurrentHashMap.newKeySet();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicReference<String> lastSent = new AtomicReference<>();
        connection.addStanzaListener(stanza -> {
            String node = ((DiscoverInfo) stanza).getNode();
            if (node != null) {
                asked.add(node.substring(node.indexOf('#') + 1));
            }
        }, stanza -> stanza instanceof DiscoverInfo info && info.getType() == IQ.Type.get
                && connection.getXMPPServiceDomain().equals(info.getFrom()));
        connection.addStanzaSendingListener(stanza -> {
            if (stanza instanceof DiscoverInfo info && info.getNode() != null
                    && java.util.Arrays.stream(nodes).allMatch(node -> info.containsFeature(node + "+notify"))) {
                answered.add(info.getNode().substring(info.getNode().indexOf('#') + 1));
            } else if (stanza instanceof Presence presence) {
                CapsExtension caps = presence.getExtension(CapsExtension.class);
                if (caps != null && presence.getTo() == null) {
                    lastSent.set(caps.getVer());
                }
            }
        }, stanza -> stanza instanceof Presence || stanza instanceof DiscoverInfo info && info.getType() == IQ.Type.result);
        // made before login: a manager made later adds its feature, and Smack sends presence again with new caps
        PingManager ping = PingManager.getInstanceFor(connection);
        connection.login();
        // Smack at times keeps announcing (and answering for) caps computed without these features, never updating
        // them on its own: a change of its features after login makes it compute them again and send presence
        for (String node : nodes) {
            disco.removeFeature(node + "+notify");
            disco.addFeature(node + "+notify");
        }
        for (int round = 0; round < 100; round++) {
            ping.pingMyServer();
            String ver = lastSent.get();
            if (ver != null && (!asked.contains(ver) || answered.contains(ver))) {
                // once more: an answer sent before this ping is handled before its result, and a question that came
                // just before the last result has reached the listener by now
                ping.pingMyServer();
                if (ver.equals(lastSent.get()) && (!asked.contains(ver) || answered.contains(ver))) {
                    ping.pingMyServer();
                    return connection;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never learnt the caps of " + user + "/" + resource);
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
