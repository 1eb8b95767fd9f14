package org.switchboard.xmpp.xep.mam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;

/** Which messages a personal archive keeps (XEP-0313 section 5.1.1, XEP-0334). */
class ArchivePolicyTest {

    private static boolean kept(String type, String inner) {
        String typeAttribute = type == null ? "" : " type='" + type + "'";
        return ArchivePolicy.worthArchiving(Xml.stanza("<message to='a@example.com'" + typeAttribute + ">" + inner + "</message>"));
    }

    @Test
    void chatAndNormalMessagesWithContentAreKept() {
        assertThat(kept("chat", "<body>hi</body>")).isTrue();
        assertThat(kept(null, "<body>hi</body>")).isTrue();
        assertThat(kept("normal", "<subject>topic</subject>")).isTrue();
        assertThat(kept("chat", "<encrypted xmlns='eu.siacs.conversations.axolotl'/>")).isTrue();
        assertThat(kept("chat", "<received xmlns='urn:xmpp:receipts' id='x'/>")).isTrue();
        assertThat(kept("chat", "<displayed xmlns='urn:xmpp:chat-markers:0' id='x'/>")).isTrue();
    }

    @Test
    void otherTypesAreNotKept() {
        assertThat(kept("error", "<body>hi</body>")).isFalse();
        assertThat(kept("headline", "<body>hi</body>")).isFalse();
        assertThat(kept("groupchat", "<body>hi</body>")).isFalse();
    }

    @Test
    void chatStatesThreadsAndIdsAloneAreNotContent() {
        assertThat(kept("chat", "<composing xmlns='http://jabber.org/protocol/chatstates'/>")).isFalse();
        assertThat(kept("chat", "<thread>t1</thread><origin-id xmlns='urn:xmpp:sid:0' id='o'/>")).isFalse();
        assertThat(kept("chat", "")).isFalse();
    }

    @Test
    void hintsDecide() {
        assertThat(kept("chat", "<body>hi</body><no-store xmlns='urn:xmpp:hints'/>")).isFalse();
        assertThat(kept("chat", "<body>hi</body><no-permanent-store xmlns='urn:xmpp:hints'/>")).isFalse();
        assertThat(kept("chat", "<active xmlns='http://jabber.org/protocol/chatstates'/><store xmlns='urn:xmpp:hints'/>")).isTrue();
        assertThat(kept("headline", "<body>hi</body><store xmlns='urn:xmpp:hints'/>")).isFalse();
    }

    @Test
    void copiesAndNotificationsAreNotKept() {
        assertThat(kept("chat", "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'/></sent>")).isFalse();
        assertThat(kept(null, "<result xmlns='urn:xmpp:mam:2' id='x'/>")).isFalse();
        assertThat(kept(null, "<event xmlns='http://jabber.org/protocol/pubsub#event'/>")).isFalse();
    }
}
