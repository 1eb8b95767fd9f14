package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** The IM layer and XEP modules as a real client (Smack) sees them: roster, presence, blocking, disco, vCard. */
class ImClientsTest {

    private static final long WAIT_SECONDS = 10;
    @StartedServer private static RunningServer running;
    private XMPPTCPConnection juliet;
    private XMPPTCPConnection romeo;
    private EntityBareJid julietJid;
    private EntityBareJid romeoJid;

    @BeforeEach
    void connect() throws Exception {
        String julietName = running.newAccount("juliet password");
        String romeoName = running.newAccount("romeo password");
        julietJid = JidCreate.entityBareFrom(julietName + "@" + RunningServer.DOMAIN);
        romeoJid = JidCreate.entityBareFrom(romeoName + "@" + RunningServer.DOMAIN);
        juliet = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", julietName, "juliet password");
        romeo = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", romeoName, "romeo password");
    }

    @AfterEach
    void disconnect() {
        juliet.disconnect();
        romeo.disconnect();
    }

    @Test
    void aSubscriptionRoundTripGivesBothRostersTheContactAndSharesPresence() throws Exception {
        Roster julietRoster = Roster.getInstanceFor(juliet);
        julietRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        Roster romeoRoster = Roster.getInstanceFor(romeo);
        CompletableFuture<RosterEntry> subscribed = new CompletableFuture<>();
        CompletableFuture<Presence> julietSeen = new CompletableFuture<>();
        romeoRoster.addRosterListener(new RosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
                entriesUpdated(addresses);
            }

            @Override
            public void entriesUpdated(Collection<Jid> addresses) {
                RosterEntry entry = romeoRoster.getEntry(julietJid);
                if (entry != null && entry.getType() == ItemType.to) {
                    subscribed.complete(entry);
                }
            }

            @Override
            public void entriesDeleted(Collection<Jid> addresses) {
            }

            @Override
            public void presenceChanged(Presence presence) {
                if (presence.getFrom().asBareJid().equals(julietJid) && presence.isAvailable()) {
                    julietSeen.complete(presence);
                }
            }
        });

        romeoRoster.createItemAndRequestSubscription(julietJid, "Juliet", new String[] {"Capulets"});

        RosterEntry entry = subscribed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(entry.getName()).isEqualTo("Juliet");
        assertThat(entry.getGroups()).extracting(g -> g.getName()).containsExactly("Capulets");
        assertThat((Object) julietSeen.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom().asBareJid()).isEqualTo(julietJid);
        julietRoster.reloadAndWait();
        assertThat(julietRoster.getEntry(romeoJid).getType()).isEqualTo(ItemType.from);
    }

    @Test
    void aBlockedContactsMessagesBounceUntilUnblocked() throws Exception {
        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(juliet);
        blocking.blockContacts(List.of(romeoJid));
        assertThat(blocking.getBlockList()).containsExactly(romeoJid);

        StanzaCollector atRomeo = romeo.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(julietJid)));
        romeo.sendStanza(chat(romeo, julietJid, "let me in"));
        Message bounce = atRomeo.nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(bounce.getType()).isEqualTo(Message.Type.error);
        assertThat(bounce.getError().getCondition().toString()).isEqualTo("service-unavailable");

        blocking.unblockContacts(List.of(romeoJid));
        StanzaCollector atJuliet = juliet.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(romeoJid)));
        romeo.sendStanza(chat(romeo, julietJid, "now?"));
        assertThat(atJuliet.<Message>nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)).getBody()).isEqualTo("now?");
        // Smack keeps its list from the server's pushes, handled on a thread of their own: the unblock's IQ result
        // can reach the test before the push does (failed once with the list read just before the push emptied it)
        Eventually.until("Smack's block list emptied by the server's unblock push", java.time.Duration.ofSeconds(WAIT_SECONDS), () -> {
            try {
                return blocking.getBlockList().isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aBlockedContactsIqRequestsAreRefusedBothWaysUntilUnblocked() throws Exception {
        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(juliet);
        blocking.blockContacts(List.of(romeoJid));
        // discoverInfo(jid, node) always asks: discoverInfo(jid) may answer from Smack's JVM-wide caps cache
        ServiceDiscoveryManager romeosDisco = ServiceDiscoveryManager.getInstanceFor(romeo);
        ServiceDiscoveryManager julietsDisco = ServiceDiscoveryManager.getInstanceFor(juliet);
        // discoverInfo(jid, node) always asks: discoverInfo(jid) may answer from Smack's JVM-wide caps cache, which
        // knows both clients' caps (they run in this JVM) and so never reaches the server

        assertThatThrownBy(() -> romeosDisco.discoverInfo(juliet.getUser(), null))
                .isInstanceOfSatisfying(XMPPErrorException.class, e ->
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
        assertThatThrownBy(() -> julietsDisco.discoverInfo(romeo.getUser(), null))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
                    assertThat(e.getStanzaError().toXML().toString()).contains("urn:xmpp:blocking:errors");
                });

        blocking.unblockContacts(List.of(romeoJid));
        assertThat(romeosDisco.discoverInfo(juliet.getUser(), null).getIdentities()).isNotEmpty();
        assertThat(julietsDisco.discoverInfo(romeo.getUser(), null).getIdentities()).isNotEmpty();
    }

    @Test
    void theServerAdvertisesWhatItsModulesImplement() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(juliet).discoverInfo(JidCreate.domainBareFrom(RunningServer.DOMAIN));

        assertThat(info.getIdentities()).anySatisfy(identity -> {
            assertThat(identity.getCategory()).isEqualTo("server");
            assertThat(identity.getType()).isEqualTo("im");
        });
        assertThat(info.getFeatures()).extracting(f -> f.getVar()).contains("http://jabber.org/protocol/disco#info",
                "urn:xmpp:ping", "urn:xmpp:blocking", "vcard-temp", "jabber:iq:version", "urn:xmpp:time", "msgoffline",
                "jabber:iq:private", "http://jabber.org/protocol/commands");
    }

    @Test
    void aPublishedVCardIsReadByAnotherUser() throws Exception {
        VCard card = new VCard();
        card.setFirstName("Juliet");
        card.setLastName("Capulet");
        card.setNickName("Jul");
        VCardManager.getInstanceFor(juliet).saveVCard(card);

        VCard loaded = VCardManager.getInstanceFor(romeo).loadVCard(julietJid);

        assertThat(loaded.getFirstName()).isEqualTo("Juliet");
        assertThat(loaded.getLastName()).isEqualTo("Capulet");
        assertThat(loaded.getNickName()).isEqualTo("Jul");
    }

    private static Message chat(XMPPTCPConnection from, BareJid to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }
}
