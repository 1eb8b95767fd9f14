package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import java.util.function.Supplier;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** What federation tests do with a user on each side: messages both ways, and a mutual presence subscription. */
final class FederationPeers {

    static final Duration WAIT = Duration.ofSeconds(60);

    private FederationPeers() {
    }

    /**
     * A new user of {@code server} and {@code theirUser} (logged in on the other server) exchange messages, disco and
     * ping IQs both ways, then subscribe to each other's presence; both are disconnected afterwards.
     */
    static void talkBothWays(RunningServer server, XMPPTCPConnection theirUser, String password, Supplier<String> peerLog)
            throws Exception {
        String alice = server.newAccount(password);
        XMPPTCPConnection ourUser = SmackClients.connect(server, SmackClients.Transport.STARTTLS, "SCRAM-SHA-256", alice, password);
        try {
            BlockingQueue<Message> toOurs = messages(ourUser);
            BlockingQueue<Message> toTheirs = messages(theirUser);
            EntityBareJid theirs = theirUser.getUser().asEntityBareJid();
            String theirDomain = theirs.getDomain().toString();

            send(ourUser, theirs, "hello from switchboard");
            Message arrived = next(toTheirs, "the message on " + theirDomain + "\n" + peerLog.get());
            assertThat(arrived.getBody()).isEqualTo("hello from switchboard");
            assertThat(arrived.getFrom().asBareJid().toString()).isEqualTo(ourUser.getUser().asBareJid().toString());

            send(theirUser, ourUser.getUser().asEntityBareJid(), "hello from " + theirDomain);
            Message back = next(toOurs, "the message from " + theirDomain + "\n" + peerLog.get());
            assertThat(back.getBody()).isEqualTo("hello from " + theirDomain);
            assertThat(back.getFrom().asBareJid().toString()).isEqualTo(theirs.toString());

            // IQs both ways: each user asks the other server what it is (XEP-0030), and a user's own full JID (XEP-0199)
            DiscoverInfo theirInfo = ServiceDiscoveryManager.getInstanceFor(ourUser).discoverInfo(JidCreate.domainBareFrom(theirDomain));
            assertThat(theirInfo.containsFeature("urn:xmpp:ping")).isTrue();
            DiscoverInfo ourInfo = ServiceDiscoveryManager.getInstanceFor(theirUser).discoverInfo(JidCreate.domainBareFrom(RunningServer.DOMAIN));
            assertThat(ourInfo.containsFeature("urn:xmpp:ping")).isTrue();
            assertThat(PingManager.getInstanceFor(theirUser).ping(ourUser.getUser())).isTrue();
            assertThat(PingManager.getInstanceFor(ourUser).ping(theirUser.getUser())).isTrue();

            subscribeBothWays(ourUser, theirUser);
        } finally {
            ourUser.disconnect();
            theirUser.disconnect();
        }
    }

    static X509TrustManager trusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    static BlockingQueue<Message> messages(XMPPTCPConnection connection) {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        // a synchronous listener: Smack calls those in the order the stanzas came (asynchronous ones run on a pool
        // and can swap stanzas that arrive close together, which made the flood test see 0, 1, 4, 3, 2)
        connection.addSyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        return received;
    }

    static void send(XMPPTCPConnection from, EntityBareJid to, String body) throws Exception {
        from.sendStanza(StanzaBuilder.buildMessage().to(to).ofType(Message.Type.chat).setBody(body).build());
    }

    static Message next(BlockingQueue<Message> queue, String what) throws InterruptedException {
        Message message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as(what).isNotNull();
        return message;
    }

    /** Each user asks for the other's presence, each accepts, and each then sees the other online. */
    static void subscribeBothWays(XMPPTCPConnection ours, XMPPTCPConnection theirs) throws Exception {
        EntityBareJid oursJid = ours.getUser().asEntityBareJid();
        EntityBareJid theirsJid = theirs.getUser().asEntityBareJid();
        Roster oursRoster = Roster.getInstanceFor(ours);
        Roster theirsRoster = Roster.getInstanceFor(theirs);
        oursRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        theirsRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        oursRoster.createItemAndRequestSubscription(theirsJid, "theirs", null);
        Eventually.until(ours.getUser() + " sees " + theirsJid + " online", WAIT,
                () -> oursRoster.getPresence(theirsJid).isAvailable());
        theirsRoster.createItemAndRequestSubscription(oursJid, "ours", null);
        Eventually.until(theirs.getUser() + " sees " + oursJid + " online", WAIT,
                () -> theirsRoster.getPresence(oursJid).isAvailable());
        Eventually.until("both rosters say both", WAIT, () -> oursRoster.getEntry(theirsJid) != null
                && oursRoster.getEntry(theirsJid).canSeeHisPresence() && oursRoster.getEntry(theirsJid).canSeeMyPresence()
                && theirsRoster.getEntry(oursJid) != null && theirsRoster.getEntry(oursJid).canSeeHisPresence());
    }
}
