package org.switchboard.host.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static final String NS = " xmlns='urn:switchboard:sms-host:0'";

    private static ProtocolException refusal(String xml) {
        try {
            CommandParser.parse(xml);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("accepted: " + xml);
    }

    @Test
    void aSendAsTheProtocolWritesIt() throws ProtocolException {
        HostCommand command = CommandParser.parse("<send" + NS + " id='0b6c0f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' subscription-id='1'>"
                + "<to>+15557654321</to><body>See you at 8 &amp; bring &lt;cake&gt;</body></send>");
        assertThat(command).isEqualTo(new HostCommand.Send("0b6c0f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                java.util.OptionalInt.of(1), java.util.List.of("+15557654321"), "See you at 8 & bring <cake>", java.util.List.of()));
        assertThat(((HostCommand.Send) command).isMms()).isFalse();
    }

    @Test
    void noSubscriptionMeansTheDefaultSimAndShortCodesAreRecipients() throws ProtocolException {
        HostCommand.Send send = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='a1'><to> 12345 </to><body>STOP</body></send>");
        assertThat(send.subscriptionId()).isEmpty();
        assertThat(send.to()).containsExactly("12345");
    }

    @Test
    void groupTextsAndMediaAreMms() throws ProtocolException {
        HostCommand.Send group = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='a1'><to>+15550001</to><to>+15550002</to><body>hi</body></send>");
        assertThat(group.isMms()).isTrue();
        HostCommand.Send media = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='a2'><to>+15550001</to>"
                + "<media url='https://x/y.jpg' type='image/jpeg' size='1'/></send>");
        assertThat(media.isMms()).isTrue();
        assertThat(media.body()).isEmpty();
    }

    @Test
    void dialAndSims() throws ProtocolException {
        assertThat(CommandParser.parse("<dial" + NS + " id='8e1f' subscription-id='2'><to>+15557654321</to></dial>"))
                .isEqualTo(new HostCommand.Dial("8e1f", java.util.OptionalInt.of(2), "+15557654321"));
        assertThat(CommandParser.parse("<sims" + NS + "/>")).isInstanceOf(HostCommand.ListSims.class);
    }

    @Test
    void unknownChildrenAndOtherNamespacesAreIgnored() throws ProtocolException {
        HostCommand.Send send = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='a1'><priority>high</priority>"
                + "<to>+15550001</to><x xmlns='urn:other'><to>+19999999</to></x><body>hi</body></send>");
        assertThat(send.to()).containsExactly("+15550001");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<send" + NS + "><to>+15550001</to><body>no id</body></send>",
        "<send" + NS + " id=''><to>+15550001</to><body>empty id</body></send>",
        "<send" + NS + " id='a b'><to>+15550001</to><body>space in id</body></send>",
        "<send" + NS + " id='a1'><body>no recipient</body></send>",
        "<send" + NS + " id='a1'><to>+15550001</to></send>",
        "<send" + NS + " id='a1'><to>+15550001</to><body></body></send>",
        "<send" + NS + " id='a1'><to>hello</to><body>letters</body></send>",
        "<send" + NS + " id='a1'><to>+0123</to><body>bad E.164</body></send>",
        "<send" + NS + " id='a1'><to>+1234567890123456</to><body>too long</body></send>",
        "<send" + NS + " id='a1'><to></to><body>empty to</body></send>",
        "<send" + NS + " id='a1' subscription-id='one'><to>+15550001</to><body>x</body></send>",
        "<send" + NS + " id='a1' subscription-id='-1'><to>+15550001</to><body>x</body></send>",
        "<send" + NS + " id='a1' subscription-id='99999999999'><to>+15550001</to><body>x</body></send>",
        "<send" + NS + " id='a1'><to>+15550001</to><body>one</body><body>two</body></send>",
        "<send" + NS + " id='a1'><to>+15550001<b>nested</b></to><body>x</body></send>",
        "<send xmlns='urn:wrong'><to>+15550001</to><body>x</body></send>",
        "<dial" + NS + " id='d1'/>",
        "<dial" + NS + " id='d1'><to>+15550001</to><to>+15550002</to></dial>",
        "not xml at all",
        "",
    })
    void malformedCommandsAreBadRequests(String xml) {
        ProtocolException refusal = refusal(xml);
        assertThat(refusal.error()).isEqualTo(ProtocolError.BAD_REQUEST);
        assertThat(refusal.getMessage()).isNotBlank();
    }

    @Test
    void mediaAreReadWithTheirTypeAndSize() throws ProtocolException {
        HostCommand.Send send = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='m1'><to>+15550001</to><body/>"
                + "<media url='https://example.com:5443/upload/abc/cat.jpg' type='image/jpeg' size='12345'/></send>");
        assertThat(send.media()).containsExactly(new MediaRef("https://example.com:5443/upload/abc/cat.jpg", "image/jpeg", 12345));
    }

    @Test
    void hostileMediaAreBadRequestsNamingTheProblem() {
        String head = "<send" + NS + " id='m1'><to>+15550001</to>";
        assertThat(refusal(head + "<media url='http://example.com/a.jpg' type='image/jpeg' size='1'/></send>").getMessage())
                .contains("media url").contains("https");
        assertThat(refusal(head + "<media url='file:///etc/passwd' type='image/jpeg' size='1'/></send>").getMessage()).contains("media url");
        assertThat(refusal(head + "<media url='https://a.example/x y' type='image/jpeg' size='1'/></send>").getMessage()).contains("media url");
        assertThat(refusal(head + "<media type='image/jpeg' size='1'/></send>").getMessage()).contains("media url");
        assertThat(refusal(head + "<media url='https://a.example/x' type='image/jpeg' size='99999999999999999999'/></send>").getMessage())
                .contains("media size");
        assertThat(refusal(head + "<media url='https://a.example/x' type='image/jpeg' size='-5'/></send>").getMessage()).contains("media size");
        assertThat(refusal(head + "<media url='https://a.example/x' type='image/jpeg' size='6000000'/></send>").getMessage())
                .contains("6000000 bytes").contains("at most 5242880");
        assertThat(refusal(head + "<media url='https://a.example/x' type='image/jpeg' size='3000000'/>".repeat(2)
                + "</send>").getMessage()).contains("over 5242880 bytes in all");
        assertThat(refusal(head + "<media url='https://a.example/x' type='nonsense' size='1'/></send>").getMessage()).contains("media type");
        assertThat(refusal(head + "<media url='https://a.example/x' type='image/jpeg' size='1'/>".repeat(11)
                + "</send>").getMessage()).contains("more than 10 media");
    }

    @Test
    void tooManyRecipientsOrATooLongBodyAreBadRequestsNamingTheLimit() {
        StringBuilder many = new StringBuilder("<send" + NS + " id='a1'>");
        for (int i = 0; i < 21; i++) {
            many.append("<to>+1555000").append(String.format("%04d", i)).append("</to>");
        }
        many.append("<body>x</body></send>");
        assertThat(refusal(many.toString()).getMessage()).contains("20 recipients");

        String longBody = "x".repeat(10_001);
        assertThat(refusal("<send" + NS + " id='a1'><to>+15550001</to><body>" + longBody + "</body></send>").getMessage())
                .contains("10000 characters");
        // 10,000 characters outside the BMP are 20,000 chars in Java but still 10,000 characters
        String emoji = "😀".repeat(10_000);
        assertThat(((HostCommand.Send) parseQuietly("<send" + NS + " id='a1'><to>+15550001</to><body>" + emoji + "</body></send>"))
                .body()).hasSize(20_000);
    }

    @Test
    void anUnknownCommandIsNotImplemented() {
        assertThat(refusal("<reboot" + NS + " id='r1'/>").error()).isEqualTo(ProtocolError.NOT_IMPLEMENTED);
    }

    @Test
    void deeplyNestedForeignContentIsSkippedWithoutACrash() throws ProtocolException {
        // the server's stream parser limits depth first; the host's own parser must still not fall over
        String deep = "<a>".repeat(5_000) + "</a>".repeat(5_000);
        HostCommand.Send send = (HostCommand.Send) CommandParser.parse("<send" + NS + " id='a1'><to>+15550001</to>" + deep
                + "<body>x</body></send>");
        assertThat(send.body()).isEqualTo("x");
    }

    @Test
    void entitiesAndDoctypesAreNotExpanded() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE send [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<send" + NS + " id='a1'><to>+15550001</to><body>&x;</body></send>";
        try {
            HostCommand.Send send = (HostCommand.Send) CommandParser.parse(xxe);
            assertThat(send.body()).doesNotContain("root:");
        } catch (ProtocolException e) {
            assertThat(e.error()).isEqualTo(ProtocolError.BAD_REQUEST);
        }
    }

    private static HostCommand parseQuietly(String xml) {
        try {
            return CommandParser.parse(xml);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusalsCarryTheirStanzaCondition() {
        assertThatThrownBy(() -> CommandParser.parse("<send" + NS + "/>"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    org.jivesoftware.smack.packet.StanzaError error = e.error().toStanzaError(e.getMessage());
                    assertThat(error.getCondition().toString()).isEqualTo("bad-request");
                    assertThat(error.getType().toString()).isEqualTo("modify");
                    assertThat(error.getDescriptiveText()).isEqualTo("missing id");
                });
    }
}
