package org.switchboard.xmpp.sms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.common.sms.outbox.OutboxState;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;

/** Host payloads as docs/host-protocol.md writes them, and malformed and hostile ones. */
class SmsHostProtocolTest {

    private static final String NS = " xmlns='urn:switchboard:sms-host:0'";
    private static final String ID = "0b6c0f3e-1111-4222-8333-444455556666";

    private static HostProtocol.HostPayload parse(String xml) {
        return HostProtocol.parse(StoredXml.read(xml));
    }

    private static void malformed(String xml, String... named) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(MalformedPayloadException.class).hasMessageContainingAll(named);
    }

    @Test
    void helloAsDocumented() {
        Hello hello = (Hello) parse("<hello" + NS + " app-version='1.0.0' battery='87' charging='true' signal='3'>"
                + "<sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551234567' region='US'/>"
                + "<sim subscription-id='2' slot='1' carrier='Other Tel' region='us'/></hello>");
        assertThat(hello.appVersion()).isEqualTo("1.0.0");
        assertThat(hello.device()).isEqualTo(new DeviceState(87, true, 3));
        assertThat(hello.sims()).containsExactly(new SimInfo(1, 0, "Example Mobile", "+15551234567", "US"),
                new SimInfo(2, 1, "Other Tel", null, "US"));
    }

    @Test
    void statusMayOmitEverything() {
        assertThat(((Status) parse("<status" + NS + "/>")).device()).isEqualTo(new DeviceState(null, null, null));
        assertThat(((Status) parse("<status" + NS + " battery='64' charging='false' signal='2'/>")).device())
                .isEqualTo(new DeviceState(64, false, 2));
    }

    @Test
    void reportAsDocumented() {
        Report report = (Report) parse("<report" + NS + " id='" + ID + "' state='delivered' part='1' parts='2' at='2026-11-30T10:15:02.120Z'/>");
        assertThat(report).isEqualTo(new Report(UUID.fromString(ID), OutboxState.DELIVERED, 1, 2, null, null,
                Instant.parse("2026-11-30T10:15:02.120Z")));
        Report failed = (Report) parse("<report" + NS + " id='" + ID + "' state='failed' code='4' reason='no service'/>");
        assertThat(failed.code()).isEqualTo(4);
        assertThat(failed.reason()).isEqualTo("no service");
        assertThat(failed.parts()).isEqualTo(1);
    }

    @Test
    void inboundAndGroupAndCall() {
        Inbound inbound = (Inbound) parse("<inbound" + NS + " id='3d0e' from='+15557654321' subscription-id='1' at='2026-11-30T10:16:40Z'>"
                + "<body>On my way</body><to>+15550001111</to></inbound>");
        assertThat(inbound.body()).isEqualTo("On my way");
        assertThat(inbound.to()).containsExactly("+15550001111");
        assertThat(inbound.at()).isEqualTo(Instant.parse("2026-11-30T10:16:40Z"));
        Call call = (Call) parse("<call" + NS + " id='77aa' from='+15557654321' subscription-id='1' state='missed' at='2026-11-30T10:20:00Z'/>");
        assertThat(call.state()).isEqualTo("missed");
    }

    @Test
    void inboundMmsListsItsMediaAndHostileMediaAreRefusedByName() {
        String head = "<inbound" + NS + " id='3d0e' from='+15557654321'>";
        Inbound mms = (Inbound) parse(head + "<media url='https://example.com:5443/upload/abc/cat.jpg' type='image/jpeg' size='12345'/>"
                + "</inbound>");
        assertThat(mms.media()).containsExactly("https://example.com:5443/upload/abc/cat.jpg");
        assertThat(mms.body()).isEmpty();
        malformed(head + "<media url='http://example.com/cat.jpg' type='image/jpeg' size='1'/></inbound>", "'url'", "https");
        malformed(head + "<media url='file:///etc/passwd' size='1'/></inbound>", "'url'", "https");
        malformed(head + "<media url='https://a.example/x y' size='1'/></inbound>", "'url'");
        malformed(head + "<media url='https://a.example/\"x' size='1'/></inbound>", "'url'");
        malformed(head + "<media url='https://a.example/" + "x".repeat(2000) + "' size='1'/></inbound>", "'url'", "2000");
        malformed(head + "<media type='image/jpeg' size='1'/></inbound>", "'url'", "missing");
        malformed(head + "<media url='https://a.example/x' type='image/jpeg' size='99999999999999999999'/></inbound>", "'size'",
                "whole number");
        malformed(head + "<media url='https://a.example/x' type='image/jpeg' size='-1'/></inbound>", "'size'", "range");
        malformed(head + "<media url='https://a.example/x' type='jpeg' size='1'/></inbound>", "'type'", "media type");
        malformed(head + "<media url='https://a.example/x' type='image/jpeg\r\nX: y' size='1'/></inbound>", "'type'");
        malformed(head + "<media url='https://a.example/x' size='1'/>".repeat(11) + "</inbound>", "<inbound>", "10 <media>");
    }

    @Test
    void malformedPayloadsNameTheAttribute() {
        malformed("<report" + NS + " state='sent'/>", "'id'", "missing");
        malformed("<report" + NS + " id='not-a-uuid' state='sent'/>", "'id'", "UUID");
        malformed("<report" + NS + " id='" + ID + "' state='read'/>", "'state'");
        malformed("<report" + NS + " id='" + ID + "' state='sent' part='2' parts='2'/>", "'part'");
        malformed("<report" + NS + " id='" + ID + "' state='sent' parts='0'/>", "'parts'");
        malformed("<report" + NS + " id='" + ID + "' state='sent' at='yesterday'/>", "'at'");
        malformed("<hello" + NS + " battery='101'/>", "'battery'");
        malformed("<hello" + NS + " charging='maybe'/>", "'charging'");
        malformed("<status" + NS + " signal='x'/>", "'signal'");
        malformed("<hello" + NS + "><sim slot='0'/></hello>", "'subscription-id'");
        malformed("<hello" + NS + "><sim subscription-id='1' slot='0' region='USA'/></hello>", "'region'");
        malformed("<hello" + NS + "><sim subscription-id='1' slot='0' number='call me'/></hello>", "'number'");
        malformed("<hello" + NS + "><sim subscription-id='1' slot='0'/><sim subscription-id='1' slot='1'/></hello>", "repeated");
        malformed("<inbound" + NS + " id='1'><body>x</body></inbound>", "'from'");
        malformed("<inbound" + NS + " id='1' from='+15557654321'/>", "neither");
        malformed("<inbound" + NS + " from='+15557654321'><body>x</body></inbound>", "'id'");
        malformed("<inbound" + NS + " id='1' from='+15557654321'><media url='http://evil/'/></inbound>", "'url'");
        malformed("<call" + NS + " id='1' from='+15557654321' state='hung-up'/>", "'state'");
        malformed("<send" + NS + " id='" + ID + "'/>", "not a payload a host sends");
        malformed("<hello xmlns='urn:other'/>", "no payload");
    }

    @Test
    void hostileSizesAreRefused() {
        malformed("<inbound" + NS + " id='1' from='+15557654321'><body>" + "x".repeat(10_001) + "</body></inbound>", "10000");
        malformed("<inbound" + NS + " id='" + "i".repeat(129) + "' from='+15557654321'><body>x</body></inbound>", "'id'");
        StringBuilder recipients = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            recipients.append("<to>+1555000").append(String.format("%04d", i)).append("</to>");
        }
        malformed("<inbound" + NS + " id='1' from='+15557654321'><body>x</body>" + recipients + "</inbound>", "recipients");
        StringBuilder sims = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            sims.append("<sim subscription-id='").append(i).append("' slot='0'/>");
        }
        malformed("<hello" + NS + ">" + sims + "</hello>", "SIMs");
        Element huge = StoredXml.read("<status" + NS + " battery='1'>" + "<pad>" + "y".repeat(70_000) + "</pad></status>");
        assertThatThrownBy(() -> HostProtocol.parse(huge)).hasMessageContaining("64 KiB");
    }

    @Test
    void commandsAreWrittenAsDocumented() {
        Element send = Commands.send(UUID.fromString(ID), 1, List.of("+15557654321"), "See you at 8");
        assertThat(send.toXml()).isEqualTo("<send xmlns='urn:switchboard:sms-host:0' id='" + ID + "' subscription-id='1'>"
                + "<to>+15557654321</to><body>See you at 8</body></send>");
        assertThat(Commands.dial(UUID.fromString(ID), null, "+15557654321").toXml()).doesNotContain("subscription-id");
    }
}
