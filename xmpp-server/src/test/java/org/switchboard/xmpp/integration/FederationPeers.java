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
import org.jxmpp.jid.EntityBareJid;

/** What federation tests do with a user on each side: messages both ways, and a mutual presence subscription. */
final class FederationPeers {

    static final Duration WAIT = Duration.ofSeconds(60);

    private FederationPeers() {
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
        connection.addAsyncStanzaListener(stanza -> received.add((Message) stanza), StanzaTypeFilter.MESSAGE);
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
