package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.xep.contact.ContactAddresses;

/** The server's own caps (XEP-0115) in the stream features and its contact addresses (XEP-0157), seen by Smack. */
class ServerDiscoTest {

    private static final String PASSWORD = "disco password long";
    @StartedServer(settings = "contactAddresses") private static RunningServer running;

    static XmppSettings contactAddresses(XmppSettings settings) {
        return settings.withContactAddresses(new ContactAddresses(Map.of(
                "abuse", List.of("mailto:abuse@switchboard.test", "xmpp:abuse@switchboard.test"),
                "admin", List.of("xmpp:admin@switchboard.test"),
                "support", List.of("https://switchboard.test/support"))));
    }

    @Test
    void theStreamFeaturesCarryTheCapsHashOfTheServersDiscoInfo() throws Exception {
        XMPPTCPConnection client = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "caps");
        try {
            CapsExtension caps = client.getFeature(CapsExtension.class);
            assertThat(caps).isNotNull();
            assertThat(caps.getHash()).isEqualTo("sha-1");
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(client).discoverInfo(JidCreate.domainBareFrom(RunningServer.DOMAIN));

            // Smack's own XEP-0115 implementation recomputes the hash from the answer, forms included
            assertThat(EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(), info)).isTrue();
            DiscoverInfo byNode = ServiceDiscoveryManager.getInstanceFor(client)
                    .discoverInfo(JidCreate.domainBareFrom(RunningServer.DOMAIN), caps.getNode() + "#" + caps.getVer());
            assertThat(byNode.getFeatures()).isEqualTo(info.getFeatures());
        } finally {
            client.disconnect();
        }
    }

    @Test
    void theServersDiscoInfoCarriesItsContactAddresses() throws Exception {
        XMPPTCPConnection client = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "contact");
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(client).discoverInfo(JidCreate.domainBareFrom(RunningServer.DOMAIN));
            DataForm form = DataForm.from(info, "http://jabber.org/network/serverinfo");

            assertThat(form).isNotNull();
            assertThat(form.getField("abuse-addresses").getValuesAsString())
                    .containsExactly("mailto:abuse@switchboard.test", "xmpp:abuse@switchboard.test");
            assertThat(form.getField("admin-addresses").getValuesAsString()).containsExactly("xmpp:admin@switchboard.test");
            assertThat(form.getField("support-addresses").getValuesAsString()).containsExactly("https://switchboard.test/support");
            assertThat(info.containsFeature("urn:xmpp:carbons:2")).isTrue();
        } finally {
            client.disconnect();
        }
    }
}
