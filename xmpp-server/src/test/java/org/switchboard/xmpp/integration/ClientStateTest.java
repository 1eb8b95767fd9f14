package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/**
 * XEP-0352 on the wire: an inactive client gets no chat states and only the newest presence of each
 * contact, a message with a body at once, and whatever was held when it becomes active.
 */
class ClientStateTest {

    @StartedServer private static RunningServer running;

    @Test
    void anInactiveClientGetsBodiesAtOnceAndTheRestWhenItMatters() throws Exception {
        String user = running.newAccount("password one");
        String contact = running.newAccount("contact password");
        XMPPTCPConnection romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", contact, "contact password");
        try (RawXmppSocket phone = RawClient.authenticated(running, user, "password one")) {
            String jid = RawClient.bind(phone, "phone");
            // <r/> is answered at once and is no stanza, so it shows what reached the phone without flushing anything
            phone.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertThat(phone.readUntil("/>")).isEqualTo("<enabled xmlns='urn:xmpp:sm:3'/>");
            phone.send("<inactive xmlns='urn:xmpp:csi:0'/>");
            // the phone's input is handled in order: once <r/> is answered the server knows it is inactive
            phone.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(phone.readUntil("/>")).isEqualTo("<a xmlns='urn:xmpp:sm:3' h='0'/>");

            romeo.sendStanza(presence(romeo, jid, "first"));
            romeo.sendStanza(presence(romeo, jid, "second"));
            romeo.sendStanza(chatState(romeo, jid, ChatState.composing));
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
            // everything Romeo sent has been handled; none of it was worth waking the phone for
            phone.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(phone.readUntil("<a xmlns='urn:xmpp:sm:3' h='0'/>")).doesNotContain("<presence").doesNotContain("composing");

            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(JidCreate.from(jid)).ofType(Message.Type.chat)
                    .setBody("wake up").build());
            String delivered = phone.readUntil("wake up</body>");
            // what was held goes first, so order is kept; the older presence was replaced by the newer
            assertThat(delivered).doesNotContain("first").contains("second").contains("<composing");
            assertThat(delivered.indexOf("second")).isLessThan(delivered.indexOf("<composing"));
            assertThat(delivered.indexOf("<composing")).isLessThan(delivered.indexOf("wake up"));

            romeo.sendStanza(chatState(romeo, jid, ChatState.paused));
            assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
            phone.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertThat(phone.readUntil("<a xmlns='urn:xmpp:sm:3' h='0'/>")).doesNotContain("paused");
            phone.send("<active xmlns='urn:xmpp:csi:0'/>");
            assertThat(phone.readUntil("</message>")).contains("<paused");
        } finally {
            romeo.disconnect();
        }
    }

    private static Presence presence(XMPPTCPConnection from, String to, String status) throws Exception {
        return from.getStanzaFactory().buildPresenceStanza().to(JidCreate.from(to)).setStatus(status).build();
    }

    private static Message chatState(XMPPTCPConnection from, String to, ChatState state) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(state)).build();
    }
}
