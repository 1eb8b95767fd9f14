package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.PepClients.PUBSUB;
import static org.switchboard.xmpp.integration.PepClients.publish;
import static org.switchboard.xmpp.integration.PepClients.pubsub;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.bookmarks.BookmarkedConference;
import org.jivesoftware.smackx.bookmarks.BookmarkedURL;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * XEP-0402 section 5.3 with real Smack clients: an old client keeps XEP-0048 bookmarks in private storage
 * ({@link BookmarkManager}), a new one uses the {@code urn:xmpp:bookmarks:1} PEP node, and each sees what the other
 * wrote. Smack's BookmarkManager caches what it read once, so every read through it is a fresh login.
 */
class BookmarksConversionTest {

    private static final String PASSWORD = "bookmarks conversion password";
    private static final String NODE = "urn:xmpp:bookmarks:1";
    private static final long WAIT = TimeUnit.SECONDS.toMillis(10);
    @StartedServer private static RunningServer running;

    private String julietName;
    private BareJid julietJid;
    private XMPPTCPConnection legacy;

    @BeforeEach
    void connect() throws Exception {
        julietName = running.newAccount(PASSWORD);
        julietJid = JidCreate.bareFrom(julietName + "@" + RunningServer.DOMAIN);
        legacy = SmackClients.connect(running, julietName, PASSWORD, "legacy");
    }

    @AfterEach
    void disconnect() {
        legacy.disconnect();
    }

    private List<Item> pepItems(XMPPTCPConnection connection) throws Exception {
        return PubSubManager.getInstanceFor(connection, julietJid).getLeafNode(NODE).getItems();
    }

    /** The bookmarks as a freshly connected old client reads them from private storage. */
    private List<BookmarkedConference> conferencesReadAfresh() throws Exception {
        XMPPTCPConnection reader = SmackClients.connect(running, julietName, PASSWORD, "reader");
        try {
            return BookmarkManager.getBookmarkManager(reader).getBookmarkedConferences();
        } finally {
            reader.disconnect();
        }
    }

    @Test
    void theAccountAnnouncesTheCompatibility() throws Exception {
        assertThat(ServiceDiscoveryManager.getInstanceFor(legacy).discoverInfo(julietJid).containsFeature(NODE + "#compat")).isTrue();
    }

    @Test
    void conferencesSetInPrivateStorageBecomePepItemsNamedByTheRoom() throws Exception {
        BookmarkManager bookmarks = BookmarkManager.getBookmarkManager(legacy);
        bookmarks.addBookmarkedConference("The Council", JidCreate.entityBareFrom("council@conference.switchboard.test"), true,
                Resourcepart.from("Puck"), "secret");
        bookmarks.addBookmarkedConference("Tavern", JidCreate.entityBareFrom("tavern@conference.switchboard.test"), false, null, null);

        List<Item> items = pepItems(legacy);

        assertThat(items).extracting(Item::getId)
                .containsExactlyInAnyOrder("council@conference.switchboard.test", "tavern@conference.switchboard.test");
        String council = items.stream().filter(i -> i.getId().startsWith("council")).findFirst().orElseThrow().toXML().toString();
        assertThat(council).contains("<conference xmlns='urn:xmpp:bookmarks:1'").contains("name='The Council'")
                .contains("autojoin='true'").contains(">Puck</nick>").contains(">secret</password>")
                .doesNotContain("jid=");
        PubSubManager pubsub = PubSubManager.getInstanceFor(legacy, julietJid);
        var config = pubsub.getLeafNode(NODE).getNodeConfiguration();
        assertThat(config.getAccessModel().name()).isEqualTo("whitelist");
        assertThat(config.isPersistItems()).isTrue();
        assertThat(config.getField("pubsub#send_last_published_item").getFirstValue()).isEqualTo("never");
        assertThat(config.getMaxItems()).isGreaterThan(1);
    }

    @Test
    void aPepBookmarkIsReadThroughPrivateStorageAndItsRetractionToo() throws Exception {
        pubsub(legacy, IQ.Type.set, null, PUBSUB, publish(NODE, "orchard@conference.switchboard.test",
                "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard' autojoin='true'><nick>Romeo</nick>"
                        + "<extensions><state xmlns='urn:example:client'>pinned</state></extensions></conference>",
                "pubsub#persist_items", "true", "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
                "pubsub#access_model", "whitelist"));

        List<BookmarkedConference> read = conferencesReadAfresh();

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getJid().toString()).isEqualTo("orchard@conference.switchboard.test");
        assertThat(read.get(0).getName()).isEqualTo("Orchard");
        assertThat(read.get(0).isAutoJoin()).isTrue();
        assertThat(read.get(0).getNickname().toString()).isEqualTo("Romeo");

        pubsub(legacy, IQ.Type.set, null, PUBSUB, "<retract node='" + NODE + "' notify='true'>"
                + "<item id='orchard@conference.switchboard.test'/></retract>");

        assertThat(conferencesReadAfresh()).isEmpty();
    }

    @Test
    void anOldClientsRewriteKeepsWhatItDidNotChangeAndItsUrlBookmarks() throws Exception {
        pubsub(legacy, IQ.Type.set, null, PUBSUB, publish(NODE, "orchard@conference.switchboard.test",
                "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard'><extensions><state xmlns='urn:example:client'>pinned</state>"
                        + "</extensions></conference>",
                "pubsub#persist_items", "true", "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
                "pubsub#access_model", "whitelist"));
        XMPPTCPConnection old = SmackClients.connect(running, julietName, PASSWORD, "old");
        try {
            BookmarkManager bookmarks = BookmarkManager.getBookmarkManager(old);
            bookmarks.addBookmarkedURL("https://example.org/", "Example", false);
            bookmarks.addBookmarkedConference("Tavern", JidCreate.entityBareFrom("tavern@conference.switchboard.test"), false, null, null);
        } finally {
            old.disconnect();
        }

        List<Item> items = pepItems(legacy);
        assertThat(items).extracting(Item::getId)
                .containsExactlyInAnyOrder("orchard@conference.switchboard.test", "tavern@conference.switchboard.test");
        // the extension a new client put there went through the old client untouched
        assertThat(items.stream().filter(i -> i.getId().startsWith("orchard")).findFirst().orElseThrow().toXML().toString())
                .contains("<state xmlns='urn:example:client'>pinned</state></extensions>");

        XMPPTCPConnection reader = SmackClients.connect(running, julietName, PASSWORD, "reader");
        try {
            BookmarkManager bookmarks = BookmarkManager.getBookmarkManager(reader);
            assertThat(bookmarks.getBookmarkedURLs()).extracting(BookmarkedURL::getURL).containsExactly("https://example.org/");
            bookmarks.removeBookmarkedConference(JidCreate.entityBareFrom("orchard@conference.switchboard.test"));
        } finally {
            reader.disconnect();
        }
        assertThat(pepItems(legacy)).extracting(Item::getId).containsExactly("tavern@conference.switchboard.test");
        XMPPTCPConnection again = SmackClients.connect(running, julietName, PASSWORD, "again");
        try {
            assertThat(BookmarkManager.getBookmarkManager(again).getBookmarkedURLs()).extracting(BookmarkedURL::getURL)
                    .containsExactly("https://example.org/");
        } finally {
            again.disconnect();
        }
    }

    @Test
    void aSetOverPrivateStorageNotifiesTheAccountsPepClients() throws Exception {
        XMPPTCPConnection modern = PepClients.connectWanting(running, julietName, PASSWORD, "modern", NODE);
        try {
            awaitNotified(modern);
            StanzaCollector events = modern.createStanzaCollector(new AndFilter(new StanzaExtensionFilter("event", PUBSUB + "#event"),
                    stanza -> stanza.toXML().toString().contains("'tavern@conference.switchboard.test'")));
            BookmarkManager.getBookmarkManager(legacy).addBookmarkedConference("Tavern",
                    JidCreate.entityBareFrom("tavern@conference.switchboard.test"), true, null, null);

            Message event = events.nextResult(WAIT);

            assertThat(event).isNotNull();
            assertThat(event.toXML().toString()).contains("id='tavern@conference.switchboard.test'")
                    .contains("<conference xmlns='urn:xmpp:bookmarks:1'");
            BookmarkManager.getBookmarkManager(legacy).removeBookmarkedConference(JidCreate.entityBareFrom("tavern@conference.switchboard.test"));
            assertThat(events.nextResult(WAIT).toXML().toString()).contains("<retract id='tavern@conference.switchboard.test'");
        } finally {
            modern.disconnect();
        }
    }

    /**
     * Publishes a probe bookmark over PEP, and retracts it, until the session gets the probe's event: only then is
     * it certain that the server has learnt what the session's caps ask for. connectWanting infers that from the
     * stanzas it saw, which on a loaded machine has let the test's own event go to a session the server did not
     * yet know to be interested (a failed CI run).
     */
    private void awaitNotified(XMPPTCPConnection modern) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = "probe" + attempt + "@conference.switchboard.test";
            StanzaCollector probe = modern.createStanzaCollector(new AndFilter(new StanzaExtensionFilter("event", PUBSUB + "#event"),
                    stanza -> stanza.toXML().toString().contains("'" + id + "'")));
            try {
                pubsub(legacy, IQ.Type.set, null, PUBSUB, publish(NODE, id, "<conference xmlns='urn:xmpp:bookmarks:1' name='probe'/>",
                        "pubsub#persist_items", "true", "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
                        "pubsub#access_model", "whitelist"));
                Message published = probe.nextResult(1000);
                pubsub(legacy, IQ.Type.set, null, PUBSUB, "<retract node='" + NODE + "' notify='true'><item id='" + id + "'/></retract>");
                if (published != null) {
                    assertThat((Object) probe.nextResult(WAIT)).as("the probe's retraction").isNotNull();
                    return;
                }
            } finally {
                probe.cancel();
            }
        }
        throw new AssertionError("the server never notified " + julietName + "/modern of a bookmark published over PEP");
    }

    @Test
    void malformedOrOversizedBookmarksAreRefusedAndChangeNothing() throws Exception {
        BookmarkManager.getBookmarkManager(legacy).addBookmarkedConference("Tavern",
                JidCreate.entityBareFrom("tavern@conference.switchboard.test"), false, null, null);

        StanzaError noJid = errorOf(() -> setPrivate("<storage xmlns='storage:bookmarks'><conference name='x'/></storage>"));
        StanzaError fullJid = errorOf(() -> setPrivate("<storage xmlns='storage:bookmarks'>"
                + "<conference jid='room@conference.switchboard.test/nick'/></storage>"));
        // a jid that is no JID at all is refused too (ConferencesTest), but Smack cannot parse the echoed request
        StanzaError oversized = errorOf(() -> setPrivate("<storage xmlns='storage:bookmarks'><url name='big' url='https://example.org/"
                + "a".repeat(70 * 1024) + "'/></storage>"));

        assertThat((Object) noJid.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(noJid.getDescriptiveText()).contains("jid");
        assertThat((Object) fullJid.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat((Object) oversized.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(pepItems(legacy)).extracting(Item::getId).containsExactly("tavern@conference.switchboard.test");
        assertThat(conferencesReadAfresh()).extracting(c -> c.getJid().toString()).containsExactly("tavern@conference.switchboard.test");
    }

    @Test
    void moreConferencesThanANodeKeepsAreRefused() throws Exception {
        StringBuilder many = new StringBuilder("<storage xmlns='storage:bookmarks'>");
        for (int i = 0; i <= org.switchboard.xmpp.xep.pubsub.PubSubSettings.DEFAULTS.maxItemsPerNode(); i++) {
            many.append("<conference jid='room").append(i).append("@conference.switchboard.test'/>");
        }

        StanzaError refused = errorOf(() -> setPrivate(many.append("</storage>").toString()));

        assertThat((Object) refused.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(refused.getDescriptiveText()).contains("at most");
    }

    @Test
    void aNodeConfiguredOtherwiseIsReportedToTheOldClientAsThePepServiceSaysIt() throws Exception {
        pubsub(legacy, IQ.Type.set, null, PUBSUB, publish(NODE, "orchard@conference.switchboard.test",
                "<conference xmlns='urn:xmpp:bookmarks:1' name='Orchard'/>", "pubsub#max_items", "10",
                "pubsub#access_model", "whitelist"));

        StanzaError refused = errorOf(() -> setPrivate("<storage xmlns='storage:bookmarks'>"
                + "<conference jid='tavern@conference.switchboard.test'/></storage>"));

        assertThat((Object) refused.getCondition()).isEqualTo(StanzaError.Condition.conflict);
        assertThat((Object) refused.getExtension("precondition-not-met", PUBSUB + "#errors")).isNotNull();
        assertThat(pepItems(legacy)).extracting(Item::getId).containsExactly("orchard@conference.switchboard.test");
    }

    @Test
    void anotherAccountCannotReadTheBookmarks() throws Exception {
        BookmarkManager.getBookmarkManager(legacy).addBookmarkedConference("Tavern",
                JidCreate.entityBareFrom("tavern@conference.switchboard.test"), false, null, null);
        String strangerName = running.newAccount(PASSWORD);
        PepClients.befriend(running, julietName, strangerName);
        XMPPTCPConnection stranger = SmackClients.connect(running, strangerName, PASSWORD, "street");
        try {
            StanzaError denied = errorOf(() -> pubsub(stranger, IQ.Type.get, julietJid, PUBSUB, "<items node='" + NODE + "'/>"));
            // a contact, so only the whitelist keeps it out (XEP-0060 6.5.9.4)
            assertThat((Object) denied.getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        } finally {
            stranger.disconnect();
        }
    }

    @Test
    void conferencesStoredBeforeTheConversionMoveToPepWhenASessionStarts() throws Exception {
        // what an older server kept: the whole document in private storage, written as the storage module writes it
        org.switchboard.xmpp.stanza.Element document = org.switchboard.xmpp.stanza.Element.builder("storage", "storage:bookmarks")
                .child(org.switchboard.xmpp.stanza.Element.builder("conference", "storage:bookmarks")
                        .attribute("jid", "old@conference.switchboard.test").attribute("name", "Old").attribute("autojoin", "true").build())
                .child(org.switchboard.xmpp.stanza.Element.builder("url", "storage:bookmarks")
                        .attribute("name", "Example").attribute("url", "https://example.org/").build())
                .build();
        running.db.sql("INSERT INTO xmpp_private_storage (account_id, element, namespace, xml) SELECT id, 'storage', "
                        + "'storage:bookmarks', :xml FROM accounts WHERE localpart = :localpart")
                .bind("xml", org.switchboard.xmpp.im.storage.StoredXml.write(document)).bind("localpart", julietName)
                .then().block();

        XMPPTCPConnection next = SmackClients.connect(running, julietName, PASSWORD, "next");
        try {
            assertThat(pepItems(next)).extracting(Item::getId).containsExactly("old@conference.switchboard.test");
        } finally {
            next.disconnect();
        }
        String stored = running.db.sql("SELECT xml FROM xmpp_private_storage p JOIN accounts a ON a.id = p.account_id "
                        + "WHERE a.localpart = :localpart AND p.namespace = 'storage:bookmarks'")
                .bind("localpart", julietName).map(row -> row.get("xml", String.class)).one().block();
        assertThat(stored).contains("https://example.org/").doesNotContain("conference");
        XMPPTCPConnection reader = SmackClients.connect(running, julietName, PASSWORD, "reader");
        try {
            BookmarkManager bookmarks = BookmarkManager.getBookmarkManager(reader);
            assertThat(bookmarks.getBookmarkedConferences()).extracting(c -> c.getJid().toString())
                    .containsExactly("old@conference.switchboard.test");
            assertThat(bookmarks.getBookmarkedConferences().get(0).isAutoJoin()).isTrue();
            assertThat(bookmarks.getBookmarkedURLs()).extracting(BookmarkedURL::getURL).containsExactly("https://example.org/");
        } finally {
            reader.disconnect();
        }
    }

    private void setPrivate(String inner) throws Exception {
        legacy.sendIqRequestAndWaitForResponse(new PrivateIq(inner));
    }

    private static StanzaError errorOf(PepTest.ThrowingCall call) {
        try {
            call.run();
        } catch (XMPPErrorException e) {
            return e.getStanzaError();
        } catch (Exception e) {
            throw new AssertionError("expected an XMPP error, got " + e, e);
        }
        throw new AssertionError("expected an XMPP error, the request succeeded");
    }

    /** A private-storage set with the given XML inside {@code <query xmlns='jabber:iq:private'/>}. */
    private static final class PrivateIq extends IQ {
        private final String inner;

        PrivateIq(String inner) {
            super("query", "jabber:iq:private");
            setType(Type.set);
            this.inner = inner;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.append(inner);
            return xml;
        }
    }
}
