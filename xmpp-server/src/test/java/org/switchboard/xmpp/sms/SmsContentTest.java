package org.switchboard.xmpp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;

class SmsContentTest {

    private static Optional<SmsContent.Refusal> refusal(String inner) {
        return SmsContent.refusal(Xml.stanza("<message xmlns='jabber:client' to='+15551234567@sms.example.com' type='chat'>"
                + inner + "</message>").element());
    }

    @Test
    void encryptedMessagesAreRefusedNamingTheMethod() {
        String omemoFallback = "<body>I sent you an OMEMO encrypted message but your client doesn't seem to support that.</body>";
        assertThat(refusal("<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted>" + omemoFallback))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reply()).isEqualTo(GatewayReplies.NOT_ACCEPTABLE);
                    assertThat(refused.why()).contains("end-to-end encrypted").contains("(OMEMO)").contains("send it unencrypted");
                });
        assertThat(refusal("<encrypted xmlns='urn:xmpp:omemo:2'><header sid='1'/></encrypted>" + omemoFallback))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("(OMEMO)"));
        assertThat(refusal("<openpgp xmlns='urn:xmpp:openpgp:0'>BASE64</openpgp><body>encrypted</body>"))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("(OpenPGP)"));
        assertThat(refusal("<x xmlns='jabber:x:encrypted'>ARMOR</x><body>encrypted</body>"))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("(legacy OpenPGP)"));
    }

    @Test
    void aXep0380MarkerAloneIsEnoughAndItsNameOrNamespaceIsQuoted() {
        assertThat(refusal("<encryption xmlns='urn:xmpp:eme:0' namespace='urn:example:new' name='NewCrypt'/><body>fallback</body>"))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("(NewCrypt)"));
        assertThat(refusal("<encryption xmlns='urn:xmpp:eme:0' namespace='urn:example:new'/><body>fallback</body>"))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("(urn:example:new)"));
    }

    @Test
    void retractionsInBothVersionsAreRefusedAsNotPossible() {
        assertThat(refusal("<retract xmlns='urn:xmpp:message-retract:1' id='origin-1'/>"
                + "<body>This person attempted to retract a previous message, but it's unsupported by your client.</body>"))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reply()).isEqualTo(GatewayReplies.NOT_IMPLEMENTED);
                    assertThat(refused.why()).contains("cannot be taken back");
                });
        assertThat(refusal("<apply-to xmlns='urn:xmpp:fasten:0' id='origin-1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>"))
                .as("without a body too: the person asked for something that did not happen")
                .hasValueSatisfying(refused -> assertThat(refused.reply()).isEqualTo(GatewayReplies.NOT_IMPLEMENTED));
    }

    @Test
    void reactionsAreRefused() {
        assertThat(refusal("<reactions xmlns='urn:xmpp:reactions:0' id='origin-1'><reaction>\uD83D\uDC4D</reaction></reactions>"
                + "<body>\uD83D\uDC4D</body>"))
                .hasValueSatisfying(refused -> assertThat(refused.why()).contains("reaction"));
    }

    @Test
    void plainTextsRepliesCorrectionsAndMediaAreTexts() {
        assertThat(refusal("<body>see you at 8</body><request xmlns='urn:xmpp:receipts'/>")).isEmpty();
        assertThat(refusal("<body>&gt; see you at 8\nyes!</body><reply xmlns='urn:xmpp:reply:0' id='origin-1'/>"
                + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='15'/></fallback>")).isEmpty();
        assertThat(refusal("<body>see you at 9</body><replace xmlns='urn:xmpp:message-correct:0' id='origin-1'/>")).isEmpty();
        assertThat(refusal("<body>https://example.com/cat.jpg</body><x xmlns='jabber:x:oob'><url>https://example.com/cat.jpg</url></x>"))
                .isEmpty();
        assertThat(refusal("<active xmlns='http://jabber.org/protocol/chatstates'/>")).isEmpty();
    }
}
