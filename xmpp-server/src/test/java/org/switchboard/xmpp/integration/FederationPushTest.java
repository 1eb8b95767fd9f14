package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.push_notifications.PushNotificationsManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.stanza.Jid;

/**
 * XEP-0357 with the app server on another server: our user enables push with a JID at a real Prosody (a client of
 * a Prosody account standing in for an app server, which gets the publish as an IQ), goes away, and a message then
 * makes this server send the publish over s2s: with the count and the sender, and without the message text.
 */
class FederationPushTest {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";

    @BeforeAll
    static void prosodyInstalled() {
        ProsodyPeer.requireInstalled();
    }

    @Test
    void anOfflineMessageIsPublishedToAnAppServerOnAnotherServerWithoutItsText() throws Exception {
        try (ProsodyFederation federation = new ProsodyFederation(UnaryOperator.identity())) {
            String alice = federation.server.newAccount(ProsodyFederation.PASSWORD);
            XMPPTCPConnection appServer = federation.bob("app");
            XMPPTCPConnection sender = federation.bob("phone");
            XMPPTCPConnection ours = SmackClients.connect(federation.server, alice, ProsodyFederation.PASSWORD, "phone");
            try {
                BlockingQueue<String> publishes = new LinkedBlockingQueue<>();
                appServer.registerIQRequestHandler(new AbstractIqRequestHandler("pubsub", PUBSUB, IQ.Type.set, IQRequestHandler.Mode.sync) {
                    @Override
                    public IQ handleIQRequest(IQ request) {
                        publishes.add(request.toXML().toString());
                        return IQ.createResultIQ(request);
                    }
                });
                PushNotificationsManager push = PushNotificationsManager.getInstanceFor(ours);
                assertThat(push.isSupported()).isTrue();
                assertThat(push.enable(appServer.getUser(), "alice-node")).as("push enabled with an app server at Prosody").isTrue();
                ours.disconnect();
                Jid account = Jid.parse(alice + "@" + RunningServer.DOMAIN);
                Eventually.until("our user's session is gone", FederationPeers.WAIT,
                        () -> federation.server.server.sessions().sessions(account).isEmpty());

                EntityBareJid aliceJid = JidCreate.entityBareFrom(account.toString());
                sender.sendStanza(StanzaBuilder.buildMessage().to(aliceJid).ofType(Message.Type.chat)
                        .setBody("the secret text").build());
                String publish = publishes.poll(FederationPeers.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(publish).as("the publish at the app server\n" + federation.prosodyLog()).isNotNull();
                assertThat(publish).contains("from='" + RunningServer.DOMAIN + "'", "node='alice-node'", "urn:xmpp:push:summary",
                        "message-count", "last-message-sender", sender.getUser().toString());
                assertThat(publish).doesNotContain("secret", "last-message-body", "<body");
            } finally {
                ours.disconnect();
                appServer.disconnect();
                sender.disconnect();
            }
        }
    }
}
