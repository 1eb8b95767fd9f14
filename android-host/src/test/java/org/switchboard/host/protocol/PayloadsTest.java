package org.switchboard.host.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.Test;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.SimInfo;

class PayloadsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:15:02.120Z");

    @Test
    void helloCarriesTheStatusAndEverySim() {
        Payload hello = Payloads.hello("1.0.0", new DeviceStatus(87, true, 3), List.of(
                new SimInfo(1, 0, "Example Mobile", "+15551234567", "US"), new SimInfo(2, 1, "Other Tel", null, "US")));
        assertThat(hello.toXml()).isEqualTo("<hello xmlns='urn:switchboard:sms-host:0' app-version='1.0.0' batch='64' battery='87'"
                + " charging='true' signal='3'><sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551234567'"
                + " region='US'/><sim subscription-id='2' slot='1' carrier='Other Tel' region='US'/></hello>");
    }

    @Test
    void unknownStatusValuesAreLeftOut() {
        assertThat(Payloads.status(DeviceStatus.UNKNOWN).toXml()).isEqualTo("<status xmlns='urn:switchboard:sms-host:0'/>");
    }

    @Test
    void reportsOfAMultipartMessageNameTheirPart() {
        assertThat(Payloads.report(PartResult.delivered("c1", 1, 2, AT)).toXml()).isEqualTo(
                "<report xmlns='urn:switchboard:sms-host:0' id='c1' state='delivered' part='1' parts='2' at='2026-11-30T10:15:02.120Z'/>");
        assertThat(Payloads.report(PartResult.failed("c1", 0, 2, 4, "no service", AT)).toXml()).isEqualTo(
                "<report xmlns='urn:switchboard:sms-host:0' id='c1' state='failed' part='0' parts='2' code='4'"
                        + " reason='no service' at='2026-11-30T10:15:02.120Z'/>");
    }

    @Test
    void aReportsBatchCarriesTheReportsAsTheQueueKeptThem() {
        String sent = Payloads.report(PartResult.sent("c1", 0, 1, AT)).toXml();
        String delivered = Payloads.report(PartResult.delivered("c1", 0, 1, AT)).toXml();
        Payload batch = Payloads.reports(List.of(sent, delivered));
        assertThat(batch.toXml()).isEqualTo("<reports xmlns='urn:switchboard:sms-host:0'>" + sent + delivered + "</reports>");
        assertThat(Payload.isElement(batch.toXml(), HostProtocol.REPORTS)).isTrue();
        assertThat(Payload.isElement(sent, HostProtocol.REPORT)).isTrue();
        assertThat(Payload.isElement(batch.toXml(), HostProtocol.REPORT)).isFalse();
    }

    @Test
    void inboundBodiesAreEscapedAndSurviveTheQueueRoundTrip() {
        String body = "<b>bold</b> & 'quotes' \"double\" ✓ \u0007bell";
        Payload inbound = Payloads.inbound("i1", new InboundSms("+15557654321", OptionalInt.of(1), List.of("+15550002"), body, AT));
        Payload back = Payload.fromXml(inbound.toXml());
        assertThat(back).isEqualTo(inbound);
        assertThat(back.id()).isEqualTo("i1");
        assertThat(inbound.toXml()).contains("<to>+15550002</to><body>&lt;b&gt;bold&lt;/b&gt; &amp; &apos;quotes&apos;"
                + " &quot;double&quot; ✓ bell</body>");
    }

    @Test
    void callsAndTheirIq() {
        Payload call = Payloads.call("c9", new CallEvent("+15557654321", OptionalInt.of(1), CallEvent.State.MISSED, AT));
        PayloadIq iq = new PayloadIq(call);
        iq.setType(IQ.Type.set);
        assertThat(iq.toXML().toString()).contains("<call xmlns='urn:switchboard:sms-host:0' id='c9' from='+15557654321'"
                + " subscription-id='1' state='missed' at='2026-11-30T10:15:02.120Z'/>");
        assertThat(Payload.fromXml(call.toXml())).isEqualTo(call);
    }
}
