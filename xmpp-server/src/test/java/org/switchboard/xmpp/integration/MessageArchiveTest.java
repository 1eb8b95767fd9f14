package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.hints.element.NoStoreHint;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** XEP-0313 and XEP-0359 through Smack's MamManager against the real server and database. */
class MessageArchiveTest {

    /** A server of its own for each test. */
    @StartedServer private RunningServer running;
    private String romeoName;
    private String julietName;
    private XMPPTCPConnection romeo;

    @BeforeEach
    void start() throws Exception {
        romeoName = running.newAccount("romeo password");
        julietName = running.newAccount("juliet password");
        romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", romeoName, "romeo password");
    }

    @AfterEach
    void stop() {
        romeo.disconnect();
    }

    /** Juliet online: once her ping is answered, her initial presence is handled and messages reach her live. */
    private XMPPTCPConnection juliet() throws Exception {
        XMPPTCPConnection juliet = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", julietName, "juliet password");
        settled(juliet);
        return juliet;
    }

    private EntityBareJid jid(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@" + RunningServer.DOMAIN);
    }

    private Message chat(String to, String body) throws Exception {
        return romeo.getStanzaFactory().buildMessageStanza().to(jid(to)).ofType(Message.Type.chat).setBody(body).build();
    }

    /** Stanzas of a session are handled in order: once the ping is answered, what was sent before is archived. */
    private static void settled(XMPPTCPConnection connection) throws Exception {
        assertThat(PingManager.getInstanceFor(connection).pingMyServer(true)).isTrue();
    }

    /**
     * Smack 4.5.0-rc1's MamManager learns the MAM version only in isSupported() (and the like), yet queryArchive()
     * reads it first: a manager that never asked fails with a NullPointerException. SINT asks first, so do we.
     */
    private static MamManager mam(XMPPTCPConnection connection) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertThat(mam.isSupported()).isTrue();
        return mam;
    }

    private static MamManager.MamQuery lastPage(XMPPTCPConnection connection, EntityBareJid with) throws Exception {
        return mam(connection).queryArchive(MamQueryArgs.builder()
                .limitResultsToJid(with).setResultPageSizeTo(50).queryLastPage().build());
    }

    @Test
    void bothSidesArchiveTheMessageUnderTheIdsTheirClientsSee() throws Exception {
        XMPPTCPConnection juliet = juliet();
        try {
            StanzaCollector inbox = juliet.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, MessageWithBodiesFilter.INSTANCE));
            Message sent = romeo.getStanzaFactory().buildMessageStanza().to(jid(julietName)).ofType(Message.Type.chat)
                    .setBody("But soft!").addExtension(new OriginIdElement("origin-1")).build();
            romeo.sendStanza(sent);
            Message delivered = inbox.nextResultOrThrow(TimeUnit.SECONDS.toMillis(10));
            StanzaIdElement stanzaId = StanzaIdElement.getStanzaId(delivered);
            assertThat(stanzaId.getBy()).isEqualTo(julietName + "@" + RunningServer.DOMAIN);
            assertThat(OriginIdElement.getOriginId(delivered).getId()).isEqualTo("origin-1");

            MamManager.MamQuery julietsArchive = lastPage(juliet, jid(romeoName));
            assertThat(julietsArchive.getMessages()).extracting(Message::getBody).containsExactly("But soft!");
            assertThat(julietsArchive.getMamResultExtensions()).extracting(MamResultExtension::getId).containsExactly(stanzaId.getId());
            assertThat(julietsArchive.getMessages().get(0).getStanzaId()).isEqualTo(sent.getStanzaId());
            assertThat(julietsArchive.isComplete()).isTrue();

            MamManager.MamQuery romeosArchive = lastPage(romeo, jid(julietName));
            assertThat(romeosArchive.getMessages()).extracting(Message::getBody).containsExactly("But soft!");
            assertThat(romeosArchive.getMamResultExtensions().get(0).getId()).isNotEqualTo(stanzaId.getId());
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void anOfflineMessageAndItsArchiveEntryShareTheirId() throws Exception {
        romeo.sendStanza(chat(julietName, "Wherefore art thou?"));
        settled(romeo);

        XMPPTCPConnection juliet = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(RunningServer.DOMAIN).setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(running.server.c2sPort()).setUsernameAndPassword(julietName, "juliet password")
                .setCustomX509TrustManager(running.trustManager).addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false).build());
        juliet.connect().login();
        try {
            // the stored message comes with initial presence, sent once the collector listens
            StanzaCollector inbox = juliet.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, MessageWithBodiesFilter.INSTANCE));
            juliet.sendStanza(juliet.getStanzaFactory().buildPresenceStanza().build());
            Message offline = inbox.nextResultOrThrow(TimeUnit.SECONDS.toMillis(10));
            MamManager.MamQuery archive = lastPage(juliet, jid(romeoName));
            assertThat(archive.getMessages()).extracting(Message::getBody).containsExactly("Wherefore art thou?");
            assertThat(StanzaIdElement.getStanzaId(offline)).isNotNull();
            assertThat(StanzaIdElement.getStanzaId(offline).getId()).isEqualTo(archive.getMamResultExtensions().get(0).getId());
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void aForgedStanzaIdNeverReachesTheRecipient() throws Exception {
        XMPPTCPConnection juliet = juliet();
        try {
            StanzaCollector inbox = juliet.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, MessageWithBodiesFilter.INSTANCE));
            romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza().to(jid(julietName)).ofType(Message.Type.chat)
                    .setBody("I am the server").addExtension(new StanzaIdElement("forged", julietName + "@" + RunningServer.DOMAIN))
                    .build());
            Message delivered = inbox.nextResultOrThrow(TimeUnit.SECONDS.toMillis(10));
            List<StanzaIdElement> ids = delivered.getExtensions(StanzaIdElement.class);
            assertThat(ids).singleElement().satisfies(id -> assertThat(id.getId()).isNotEqualTo("forged"));
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void noStoreAndNeverPreferencesKeepMessagesOutOfTheArchive() throws Exception {
        XMPPTCPConnection juliet = juliet();
        try {
            Message secret = romeo.getStanzaFactory().buildMessageStanza().to(jid(julietName)).ofType(Message.Type.chat)
                    .setBody("secret").addExtension(NoStoreHint.INSTANCE).build();
            romeo.sendStanza(secret);
            romeo.sendStanza(chat(julietName, "kept"));
            settled(romeo);
            assertThat(lastPage(juliet, jid(romeoName)).getMessages()).extracting(Message::getBody).containsExactly("kept");

            // MamPrefsResult.asMamPrefs() of Smack 4.5.0-rc1 fails on any server (it asks the IQ for its stanza
            // namespace, jabber:client, as if it were the MAM one), so the prefs IQ is built from Smack's factory
            MamManager mam = mam(juliet);
            MamPrefsIQ never = MamVersion.MAM2.newElementFactory()
                    .newPrefsIQ(List.of(), List.of(jid(romeoName)), MamPrefsIQ.DefaultBehavior.always);
            never.setType(IQ.Type.set);
            juliet.sendIqRequestAndWaitForResponse(never);
            assertThat(mam.retrieveArchivingPreferences().mamPrefs.getNeverJids()).containsExactly(jid(romeoName));

            romeo.sendStanza(chat(julietName, "unrecorded"));
            settled(romeo);
            assertThat(lastPage(juliet, jid(romeoName)).getMessages()).extracting(Message::getBody).containsExactly("kept");
            assertThat(lastPage(romeo, jid(julietName)).getMessages()).extracting(Message::getBody)
                    .containsExactly("kept", "unrecorded");
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void pagingThroughTheArchiveWithSmack() throws Exception {
        for (int i = 0; i < 25; i++) {
            romeo.sendStanza(chat(julietName, "line " + i));
        }
        settled(romeo);
        MamManager mam = mam(romeo);
        MamManager.MamQuery query = mam.queryArchive(MamQueryArgs.builder().limitResultsToJid(jid(julietName))
                .setResultPageSizeTo(10).build());
        List<String> bodies = new java.util.ArrayList<>(query.getMessages().stream().map(Message::getBody).toList());
        while (!query.isComplete()) {
            bodies.addAll(query.pageNext(10).stream().map(Message::getBody).toList());
        }
        assertThat(bodies).hasSize(25).first().isEqualTo("line 0");
        assertThat(bodies).last().isEqualTo("line 24");
        assertThat(bodies).doesNotHaveDuplicates();
    }
}
