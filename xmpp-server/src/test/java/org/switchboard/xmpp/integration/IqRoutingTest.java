package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** IQ requests to addresses that cannot answer get the RFC 6120 error, never silence. */
class IqRoutingTest {

    @StartedServer private static RunningServer running;
    private static XMPPTCPConnection client;
    private static XMPPTCPConnection other;
    private static String otherUser;

    @BeforeAll
    static void start() throws Exception {
        String user = running.newAccount("iq test password");
        otherUser = running.newAccount("iq test password");
        client = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "iq test password");
        other = SmackClients.connect(running, Transport.DIRECT_TLS, "SCRAM-SHA-256", otherUser, "iq test password");
    }

    @AfterAll
    static void stop() {
        client.disconnect();
        other.disconnect();
    }

    private static StanzaError.Condition errorFor(String to) {
        try {
            client.sendIqRequestAndWaitForResponse(new Ping(JidCreate.from(to)));
        } catch (XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected an error reply from " + to);
    }

    @Test
    void pingToAnotherUsersFullJidIsRoutedToThatClient() throws Exception {
        Jid otherFull = JidCreate.from(otherUser + "@" + RunningServer.DOMAIN + "/test");

        IQ reply = client.sendIqRequestAndWaitForResponse(new Ping(otherFull));

        assertThat(reply.getType()).isEqualTo(IQ.Type.result);
        assertThat(reply.getFrom().toString()).isEqualTo(otherFull.toString());
    }

    @Test
    void unknownResourceIsServiceUnavailable() {
        assertThat(errorFor(otherUser + "@" + RunningServer.DOMAIN + "/no-such-resource")).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void unknownAccountIsServiceUnavailable() {
        assertThat(errorFor("nobody@" + RunningServer.DOMAIN)).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void configuredButDisconnectedComponentIsServiceUnavailable() {
        assertThat(errorFor(RunningServer.COMPONENT)).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void otherServersAreNotReachableWithoutServerToServer() {
        assertThat(errorFor("someone@elsewhere.example")).isEqualTo(StanzaError.Condition.remote_server_not_found);
    }

    @Test
    void unhandledNamespaceAtTheServerIsServiceUnavailable() {
        IQ unknown = new IQ("query", "urn:example:nothing-handles-this") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.setEmptyElement();
                return xml;
            }
        };
        unknown.setType(IQ.Type.get);
        unknown.setTo(JidCreate.domainBareFromOrThrowUnchecked(RunningServer.DOMAIN));

        assertThatThrownBy(() -> client.sendIqRequestAndWaitForResponse(unknown))
                .isInstanceOfSatisfying(XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
    }
}
