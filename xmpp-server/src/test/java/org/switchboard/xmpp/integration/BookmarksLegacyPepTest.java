package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.PepClients.PUBSUB;
import static org.switchboard.xmpp.integration.PepClients.publish;
import static org.switchboard.xmpp.integration.PepClients.pubsub;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bookmarks.BookmarkManager;
import org.jivesoftware.smackx.bookmarks.BookmarkedConference;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0411 with real Smack clients: XEP-0048 bookmarks in private storage, on the PEP node {@code storage:bookmarks}
 * (item {@code current}) and as XEP-0402 items on {@code urn:xmpp:bookmarks:1} are one list, whichever view wrote last.
 */
class BookmarksLegacyPepTest {

    private static final String PASSWORD = "bookmarks 0411 password";
    private static final String LEGACY_NODE = "storage:bookmarks";
    private static final String NODE = "urn:xmpp:bookmarks:1";
    private static final String[] WHITELIST = {"pubsub#persist_items", "true", "pubsub#access_model", "whitelist"};
    @StartedServer private static RunningServer running;

    private String julietName;
    private BareJid julietJid;
    private XMPPTCPConnection client;

    @BeforeEach
    void connect() throws Exception {
        julietName = running.newAccount(PASSWORD);
        julietJid = JidCreate.bareFrom(julietName + "@" + RunningServer.DOMAIN);
        client = SmackClients.connect(running, julietName, PASSWORD, "client");
    }

    @AfterEach
    void disconnect() {
        client.disconnect();
    }

    private String legacyPepItems() throws Exception {
        return pubsub(client, IQ.Type.get, null, PUBSUB, "<items node='" + LEGACY_NODE + "'/>").toXML().toString();
    }

    private List<String> bookmarkItemIds() throws Exception {
        return PubSubManager.getInstanceFor(client, julietJid).getLeafNode(NODE).getItems().stream().map(Item::getId).toList();
    }

    private List<String> privateStorageRooms() throws Exception {
        XMPPTCPConnection reader = SmackClients.connect(running, julietName, PASSWORD, "reader");
        try {
            return BookmarkManager.getBookmarkManager(reader).getBookmarkedConferences().stream()
                    .map(BookmarkedConference::getJid).map(Object::toString).toList();
        } finally {
            reader.disconnect();
        }
    }

    @Test
    void theAccountAnnouncesTheConversion() throws Exception {
        assertThat(ServiceDiscoveryManager.getInstanceFor(client).discoverInfo(julietJid)
                .containsFeature("urn:xmpp:bookmarks-conversion:0")).isTrue();
    }

    @Test
    void aPrivateStorageSetIsPublishedOnTheLegacyNodeAndAsBookmarks2() throws Exception {
        BookmarkManager.getBookmarkManager(client).addBookmarkedConference("Council",
                JidCreate.entityBareFrom("council@conference.switchboard.test"), true, null, null);

        assertThat(legacyPepItems()).contains("id='current'").contains("jid='council@conference.switchboard.test'");
        assertThat(bookmarkItemIds()).containsExactly("council@conference.switchboard.test");
    }

    @Test
    void aPublishOnTheLegacyNodeIsStoredPrivatelyAndAsBookmarks2() throws Exception {
        BookmarkManager.getBookmarkManager(client).addBookmarkedConference("Old",
                JidCreate.entityBareFrom("old@conference.switchboard.test"), false, null, null);

        pubsub(client, IQ.Type.set, null, PUBSUB, publish(LEGACY_NODE, "current",
                "<storage xmlns='storage:bookmarks'><conference jid='orchard@conference.switchboard.test' name='Orchard'"
                        + " autojoin='true'><nick>Romeo</nick></conference></storage>", WHITELIST));

        assertThat(privateStorageRooms()).containsExactly("orchard@conference.switchboard.test");
        assertThat(bookmarkItemIds()).containsExactly("orchard@conference.switchboard.test");
    }

    @Test
    void aBookmarks2PublishShowsOnTheLegacyNode() throws Exception {
        pubsub(client, IQ.Type.set, null, PUBSUB, publish(NODE, "tavern@conference.switchboard.test",
                "<conference xmlns='urn:xmpp:bookmarks:1' name='Tavern'/>", "pubsub#persist_items", "true",
                "pubsub#max_items", "max", "pubsub#send_last_published_item", "never", "pubsub#access_model", "whitelist"));

        assertThat(legacyPepItems()).contains("jid='tavern@conference.switchboard.test'");
    }

    @Test
    void aLegacyNodeItemThatIsNoBookmarkStorageIsNotConverted() throws Exception {
        BookmarkManager.getBookmarkManager(client).addBookmarkedConference("Kept",
                JidCreate.entityBareFrom("kept@conference.switchboard.test"), false, null, null);

        pubsub(client, IQ.Type.set, null, PUBSUB, publish(LEGACY_NODE, "current",
                "<storage xmlns='urn:example:not-bookmarks'><conference jid='evil@conference.switchboard.test'/></storage>",
                WHITELIST));

        assertThat(privateStorageRooms()).containsExactly("kept@conference.switchboard.test");
        assertThat(bookmarkItemIds()).containsExactly("kept@conference.switchboard.test");
    }
}
