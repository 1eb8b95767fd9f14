package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** An external component (XEP-0114) on a raw socket, exchanging messages with a Smack client. */
class ComponentTest {

    private static final String HEADER = "<stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='%s'>";

    @StartedServer private static RunningServer running;

    @Test
    void handshakeThenMessagesBothWays() throws Exception {
        String user = running.newAccount("long enough pw");
        try (RawXmppSocket component = new RawXmppSocket(running.server.componentPort())) {
            component.send(HEADER.formatted(RunningServer.COMPONENT));
            String header = readHeader(component);
            assertThat(RawXmppSocket.attribute(header, "from")).isEqualTo(RunningServer.COMPONENT);
            component.send("<handshake>" + handshake(RawXmppSocket.attribute(header, "id"), RunningServer.COMPONENT_SECRET) + "</handshake>");
            assertThat(component.readUntil("<handshake/>")).endsWith("<handshake/>");

            XMPPTCPConnection client = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "long enough pw");
            try {
                client.sendStanza(client.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.entityBareFrom("+15551234567@" + RunningServer.COMPONENT))
                        .ofType(Message.Type.chat).setBody("text me").build());
                String atComponent = component.readUntil("</message>");
                assertThat(atComponent).contains("<body>text me</body>")
                        .contains("from='" + user + "@" + RunningServer.DOMAIN + "/test'")
                        .doesNotContain("xmlns='jabber:client'");

                StanzaCollector atClient = client.createStanzaCollector(StanzaTypeFilter.MESSAGE);
                component.send("<message from='+15551234567@" + RunningServer.COMPONENT + "' to='" + user + "@"
                        + RunningServer.DOMAIN + "/test' type='chat'><body>texted back</body></message>");
                Message received = atClient.nextResultOrThrow();
                assertThat(received.getBody()).isEqualTo("texted back");
                assertThat(received.getFrom().toString()).isEqualTo("+15551234567@" + RunningServer.COMPONENT);
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void wrongSecretIsNotAuthorized() throws Exception {
        try (RawXmppSocket component = new RawXmppSocket(running.server.componentPort())) {
            component.send(HEADER.formatted(RunningServer.COMPONENT));
            String header = readHeader(component);
            component.send("<handshake>" + handshake(RawXmppSocket.attribute(header, "id"), "guessed") + "</handshake>");

            assertThat(component.readToEnd()).contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                    .endsWith("</stream:stream>");
        }
    }

    @Test
    void unconfiguredDomainIsHostUnknown() throws Exception {
        try (RawXmppSocket component = new RawXmppSocket(running.server.componentPort())) {
            component.send(HEADER.formatted("mystery." + RunningServer.DOMAIN));

            assertThat(component.readToEnd()).contains("<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
    }

    @Test
    void stanzaFromOutsideTheComponentDomainIsInvalidFrom() throws Exception {
        try (RawXmppSocket component = new RawXmppSocket(running.server.componentPort())) {
            component.send(HEADER.formatted(RunningServer.COMPONENT));
            String header = readHeader(component);
            component.send("<handshake>" + handshake(RawXmppSocket.attribute(header, "id"), RunningServer.COMPONENT_SECRET) + "</handshake>");
            component.readUntil("<handshake/>");
            component.send("<message from='admin@" + RunningServer.DOMAIN + "' to='someone@" + RunningServer.DOMAIN + "'><body>spoof</body></message>");

            assertThat(component.readToEnd()).contains("<invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        }
    }

    private static String readHeader(RawXmppSocket component) throws Exception {
        component.readUntil("<stream:stream");
        return component.readUntil(">");
    }

    private static String handshake(String streamId, String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
    }
}
