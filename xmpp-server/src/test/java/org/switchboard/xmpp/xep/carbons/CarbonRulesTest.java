package org.switchboard.xmpp.xep.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;

/** The copying rules of XEP-0280 section 6 ({@code urn:xmpp:carbons:rules:0}) and the no-copy hint of XEP-0334. */
class CarbonRulesTest {

    private static boolean sent(String xml) {
        return CarbonRules.copiedWhenSent(Xml.stanza(xml));
    }

    private static boolean received(String xml) {
        return CarbonRules.copiedWhenReceived(Xml.stanza(xml));
    }

    @Test
    void chatIsCopiedEvenWithoutABody() {
        assertThat(sent("<message to='juliet@example.com' type='chat'><body>hi</body></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>")).isTrue();
        assertThat(received("<message to='romeo@example.com/a' type='chat'/>")).isTrue();
    }

    @Test
    void normalIsCopiedWithABodyOrAnImPayloadOnly() {
        assertThat(sent("<message to='juliet@example.com'><body>hi</body></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com' type='normal'><body>hi</body></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com'><received xmlns='urn:xmpp:receipts' id='m1'/></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com'><displayed xmlns='urn:xmpp:chat-markers:0' id='m1'/></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com'><x xmlns='jabber:x:conference' jid='room@muc.example.com'/></message>")).isTrue();
        assertThat(sent("<message to='juliet@example.com'><event xmlns='http://jabber.org/protocol/pubsub#event'/></message>")).isFalse();
        assertThat(sent("<message to='juliet@example.com'/>")).isFalse();
    }

    @Test
    void errorsAreCopiedHeadlinesAndGroupchatAreNot() {
        assertThat(received("<message to='romeo@example.com/a' type='error'><error type='cancel'/></message>")).isTrue();
        assertThat(received("<message to='romeo@example.com/a' type='headline'><body>news</body></message>")).isFalse();
        assertThat(sent("<message to='room@muc.example.com' type='groupchat'><body>all</body></message>")).isFalse();
        assertThat(received("<message to='romeo@example.com/a' type='groupchat'><body>all</body></message>")).isFalse();
    }

    @Test
    void privateAndNoCopyAreNeverCopied() {
        assertThat(sent("<message to='juliet@example.com' type='chat'><body>secret</body><private xmlns='urn:xmpp:carbons:2'/></message>")).isFalse();
        assertThat(received("<message to='romeo@example.com' type='chat'><body>secret</body><private xmlns='urn:xmpp:carbons:2'/></message>")).isFalse();
        assertThat(sent("<message to='juliet@example.com' type='chat'><body>once</body><no-copy xmlns='urn:xmpp:hints'/></message>")).isFalse();
        assertThat(received("<message to='romeo@example.com' type='chat'><body>once</body><no-copy xmlns='urn:xmpp:hints'/></message>")).isFalse();
    }

    @Test
    void copiesAreNotCopiedAgain() {
        String forwarded = "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' type='chat'><body>x</body></message></forwarded>";
        assertThat(sent("<message to='juliet@example.com' type='chat'><sent xmlns='urn:xmpp:carbons:2'>" + forwarded + "</sent></message>")).isFalse();
        assertThat(received("<message to='romeo@example.com/a' type='chat'><received xmlns='urn:xmpp:carbons:2'>" + forwarded + "</received></message>")).isFalse();
    }

    @Test
    void privateMessagesWithMucOccupantsAreCopiedWhenSentButNotWhenReceived() {
        String pm = "<message to='%s' type='chat'><body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>";
        assertThat(sent(pm.formatted("room@muc.example.com/nurse"))).isTrue();
        assertThat(received(pm.formatted("romeo@example.com/a"))).isFalse();
        // a mediated invitation comes from the room too, and every resource should see it
        assertThat(received("<message to='romeo@example.com'><x xmlns='http://jabber.org/protocol/muc#user'>"
                + "<invite from='juliet@example.com'/></x></message>")).isTrue();
    }

    @Test
    void theRecipientGetsAPrivateMessageWithoutItsPrivateElement() {
        var message = Xml.stanza("<message to='juliet@example.com' type='chat'><body>secret</body><private xmlns='urn:xmpp:carbons:2'/></message>");
        var plain = Xml.stanza("<message to='juliet@example.com' type='chat'><body>plain</body></message>");

        assertThat(CarbonRules.withoutPrivate(message).toXml()).isEqualTo("<message to='juliet@example.com' type='chat'><body>secret</body></message>");
        assertThat(CarbonRules.withoutPrivate(plain)).isSameAs(plain);
    }
}
