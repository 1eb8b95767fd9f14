package org.switchboard.xmpp.xep.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.dataforms.DataForm;

class PushNotificationTest {

    private static final Jid SERVER = Jid.parse("example.com");
    private static final Jid APP_SERVER = Jid.parse("push.example.com");

    @Test
    void theSummaryCarriesCountAndSenderAndNeverTheBody() {
        Stanza publish = PushNotification.publish("p1", SERVER, new PushRegistration(APP_SERVER, "node-1", null), 3,
                Jid.parse("juliet@example.com/balcony"));

        assertThat(publish.type()).isEqualTo("set");
        assertThat(publish.from()).isEqualTo(SERVER);
        assertThat(publish.to()).isEqualTo(APP_SERVER);
        Element pubsub = publish.iqChild();
        assertThat(pubsub.is("pubsub", PushNotification.PUBSUB)).isTrue();
        Element publishElement = pubsub.child("publish", PushNotification.PUBSUB).orElseThrow();
        assertThat(publishElement.attribute("node")).isEqualTo("node-1");
        Element form = publishElement.child("item", PushNotification.PUBSUB).orElseThrow()
                .child("notification", PushModule.NAMESPACE).orElseThrow()
                .child("x", DataForm.NAMESPACE).orElseThrow();
        Map<String, List<String>> values = DataForm.submittedValues(form);
        assertThat(values).containsOnlyKeys("FORM_TYPE", "message-count", "last-message-sender");
        assertThat(values.get("FORM_TYPE")).containsExactly(PushNotification.SUMMARY);
        assertThat(values.get("message-count")).containsExactly("3");
        assertThat(values.get("last-message-sender")).containsExactly("juliet@example.com/balcony");
        assertThat(publish.toXml()).doesNotContain("last-message-body").doesNotContain("<body");
        assertThat(pubsub.child("publish-options", PushNotification.PUBSUB)).isEmpty();
    }

    @Test
    void publishOptionsGivenAtEnableTravelWithEveryPublish() {
        Element options = Xml.stanza("<message><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
                + "<field var='secret'><value>s3cr3t</value></field></x></message>").element().elements().get(0);

        Stanza publish = PushNotification.publish("p2", SERVER, new PushRegistration(APP_SERVER, "n", options), 1, Jid.parse("a@b"));

        Element publishOptions = publish.iqChild().child("publish-options", PushNotification.PUBSUB).orElseThrow();
        assertThat(DataForm.submittedValues(publishOptions.elements().get(0)).get("secret")).containsExactly("s3cr3t");
    }

    @Test
    void textEncryptedPayloadsCallsAndTheSmsGatewayAreWorthAPush() {
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><body>hi</body></message>")).isTrue();
        assertThat(worth("<message from='juliet@example.com/b'><body>hi</body></message>")).isTrue();
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><encrypted xmlns='eu.siacs.conversations.axolotl'/></message>")).isTrue();
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><encrypted xmlns='urn:xmpp:omemo:2'/></message>")).isTrue();
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><propose xmlns='urn:xmpp:jingle-message:0' id='c'/></message>")).isTrue();
        assertThat(worth("<message from='+15551234567@sms.example.com' type='chat'><received xmlns='urn:xmpp:receipts' id='1'/></message>")).isTrue();
    }

    @Test
    void chatStatesReceiptsErrorsAndGroupchatAreNot() {
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/></message>")).isFalse();
        assertThat(worth("<message from='juliet@example.com/b' type='chat'><received xmlns='urn:xmpp:receipts' id='1'/></message>")).isFalse();
        assertThat(worth("<message from='juliet@example.com/b' type='error'><body>hi</body></message>")).isFalse();
        assertThat(worth("<message from='room@muc.example.com/n' type='groupchat'><body>hi</body></message>")).isFalse();
        assertThat(worth("<message from='news.example.com' type='headline'><body>hi</body></message>")).isFalse();
        // a domain that merely contains "sms." is not the gateway
        assertThat(worth("<message from='x@notsms.example.com' type='chat'/>")).isFalse();
    }

    private static boolean worth(String xml) {
        return PushNotification.worthNotifying(Xml.stanza(xml));
    }
}
