package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.PepClients.PUBSUB;
import static org.switchboard.xmpp.integration.PepClients.publish;
import static org.switchboard.xmpp.integration.PepClients.pubsub;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;

/** The PEP limits with small values: nodes per account, items per node ({@code max}), payload size. */
class PepLimitsTest {

    private static final String PASSWORD = "limits password";
    @StartedServer(settings = "smallPep") private static RunningServer running;

    static XmppSettings smallPep(XmppSettings settings) {
        return settings.with(s -> s.pubsub = s.pubsub.withLimits(3, 2, 2048));
    }

    private static StanzaError refused(XMPPTCPConnection connection, String publish) throws Exception {
        try {
            pubsub(connection, IQ.Type.set, null, PUBSUB, publish);
        } catch (XMPPErrorException e) {
            return e.getStanzaError();
        }
        throw new AssertionError("the publish was accepted");
    }

    @Test
    void aThirdNodeIsAPolicyViolationAndTheLimitsHoldPerAccount() throws Exception {
        String name = running.newAccount(PASSWORD);
        XMPPTCPConnection juliet = SmackClients.connect(running, name, PASSWORD, "balcony");
        XMPPTCPConnection romeo = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "orchard");
        try {
            pubsub(juliet, IQ.Type.set, null, PUBSUB, publish("urn:test:a", "1", "<a xmlns='urn:test'/>"));
            pubsub(juliet, IQ.Type.set, null, PUBSUB, publish("urn:test:b", "1", "<a xmlns='urn:test'/>"));

            StanzaError third = refused(juliet, publish("urn:test:c", "1", "<a xmlns='urn:test'/>"));

            assertThat((Object) third.getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
            assertThat(third.getDescriptiveText()).contains("2 nodes");
            // another account has its own allowance, and the full account still publishes to its existing nodes
            pubsub(romeo, IQ.Type.set, null, PUBSUB, publish("urn:test:c", "1", "<a xmlns='urn:test'/>"));
            pubsub(juliet, IQ.Type.set, null, PUBSUB, publish("urn:test:a", "2", "<a xmlns='urn:test'/>"));
        } finally {
            juliet.disconnect();
            romeo.disconnect();
        }
    }

    @Test
    void maxIsTheServiceLimitAndPayloadsOverTheLimitAreTooBig() throws Exception {
        String name = running.newAccount(PASSWORD);
        XMPPTCPConnection juliet = SmackClients.connect(running, name, PASSWORD, "balcony");
        try {
            for (int i = 1; i <= 5; i++) {
                pubsub(juliet, IQ.Type.set, null, PUBSUB, publish("urn:test:list", "i" + i, "<a xmlns='urn:test'/>", "pubsub#max_items", "max"));
            }
            String items = pubsub(juliet, IQ.Type.get, JidCreate.bareFrom(name + "@" + RunningServer.DOMAIN), PUBSUB,
                    "<items node='urn:test:list'/>").toXML().toString();
            StanzaError over = refused(juliet, publish("urn:test:list", "x", "<a xmlns='urn:test'>" + "y".repeat(3000) + "</a>"));
            StanzaError moreThanMax = refused(juliet, publish("urn:test:list", "z", "<a xmlns='urn:test'/>", "pubsub#max_items", "4"));

            assertThat(items).doesNotContain("'i1'").doesNotContain("'i2'").contains("'i3'").contains("'i4'").contains("'i5'");
            assertThat((Object) over.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(over.getDescriptiveText()).contains("at most 2048");
            assertThat((Object) moreThanMax.getCondition()).isEqualTo(StanzaError.Condition.conflict);
        } finally {
            juliet.disconnect();
        }
    }
}
