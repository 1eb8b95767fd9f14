package org.switchboard.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;

/** Which Request-URIs name a phone number, and the trunk settings read from the environment. */
class TrunkTest {

    private static final AddressFactory ADDRESSES;
    private static final HeaderFactory HEADERS;
    private static final MessageFactory MESSAGES;

    static {
        try {
            ADDRESSES = SipFactory.getInstance().createAddressFactory();
            HEADERS = SipFactory.getInstance().createHeaderFactory();
            MESSAGES = SipFactory.getInstance().createMessageFactory();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Trunk trunk = new Trunk(new TrunkSettings("trunk.example", 5080, "tcp", null), "sip.test", "10.0.0.1");

    private String number(String uri) throws Exception {
        return trunk.number(ADDRESSES.createURI(uri));
    }

    @Test
    void theThreeFormsOfANumberGiveE164() throws Exception {
        assertThat(number("sip:+15551234567@sip.test")).isEqualTo("+15551234567");
        assertThat(number("sip:+1-555-123-4567@SIP.TEST;user=phone")).isEqualTo("+15551234567");
        assertThat(number("sip:+15551234567;isub=12@10.0.0.1;user=phone")).isEqualTo("+15551234567");
        assertThat(number("tel:+1-555-123-4567")).isEqualTo("+15551234567");
        assertThat(number("sip:+4930123456@sip.test")).isEqualTo("+4930123456");
    }

    @Test
    void accountsLocalNumbersOtherDomainsAndJunkAreNoNumbers() throws Exception {
        assertThat(number("sip:alice@sip.test")).isNull();
        assertThat(number("sip:5551234567@sip.test;user=phone")).as("no country code").isNull();
        assertThat(number("tel:5551234;phone-context=example.com")).as("local tel:").isNull();
        assertThat(number("sip:+15551234567@elsewhere.test")).as("not addressed to this server").isNull();
        assertThat(number("sip:+1@sip.test")).as("too short").isNull();
        assertThat(number("sip:+1555abc4567@sip.test")).isNull();
        assertThat(number("sip:+" + "1".repeat(40) + "@sip.test")).as("too long").isNull();
        assertThat(number("sip:sip.test")).isNull();
    }

    @Test
    void withoutATrunkNothingIsANumber() throws Exception {
        Trunk off = new Trunk(TrunkSettings.OFF, "sip.test", "sip.test");
        assertThat(off.configured()).isFalse();
        assertThat(off.number(ADDRESSES.createURI("sip:+15551234567@sip.test"))).isNull();
        assertThat(off.number(ADDRESSES.createURI("tel:+15551234567"))).isNull();
    }

    @Test
    void theTargetIsTheNumberAtTheTrunk() {
        assertThat(trunk.target(ADDRESSES, "+15551234567").toString())
                .isEqualTo("sip:+15551234567@trunk.example:5080;user=phone;transport=tcp");
    }

    private static Request invite(String extraHeaders) throws Exception {
        return MESSAGES.createRequest("INVITE sip:+15551234567@sip.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@sip.test>;tag=1\r\nTo: <sip:+15551234567@sip.test>\r\nCall-ID: c1\r\n"
                + "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n");
    }

    /** RFC 3325: a caller cannot choose the identity the trunk shows; the configured caller id is asserted instead. */
    @Test
    void theCallersOwnAssertedIdentitiesAreReplaced() throws Exception {
        String forged = "P-Asserted-Identity: <sip:+18005550199@sip.test>\r\nP-Preferred-Identity: <sip:+18005550199@sip.test>\r\n";
        Request plain = invite(forged);
        trunk.prepare(HEADERS, ADDRESSES, plain, "+15551234567");
        assertThat(plain.getHeader("P-Asserted-Identity")).isNull();
        assertThat(plain.getHeader("P-Preferred-Identity")).isNull();

        Trunk withId = new Trunk(new TrunkSettings("trunk.example", 5060, "udp", "+15550001111"), "sip.test", "sip.test");
        Request asserted = invite(forged);
        withId.prepare(HEADERS, ADDRESSES, asserted, "+15551234567");
        assertThat(asserted.toString()).contains("P-Asserted-Identity: <sip:+15550001111@sip.test;user=phone>")
                .doesNotContain("18005550199");
    }

    @Test
    void settingsComeFromTheEnvironment() {
        assertThat(TrunkSettings.from(new Environment(Map.of()))).isEqualTo(TrunkSettings.OFF);
        assertThat(TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "trunk.example"))))
                .isEqualTo(new TrunkSettings("trunk.example", 5060, "udp", null));
        assertThat(TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "trunk.example",
                "SWITCHBOARD_SIP_TRUNK_TRANSPORT", "TLS", "SWITCHBOARD_SIP_TRUNK_CALLER_ID", "+1 (555) 000-1111"))))
                .isEqualTo(new TrunkSettings("trunk.example", 5061, "tls", "+15550001111"));
        assertThatThrownBy(() -> TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "sip:trunk.example:5060"))))
                .hasMessageContaining("SWITCHBOARD_SIP_TRUNK_HOST");
        assertThatThrownBy(() -> TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "trunk.example",
                "SWITCHBOARD_SIP_TRUNK_TRANSPORT", "sctp")))).hasMessageContaining("SWITCHBOARD_SIP_TRUNK_TRANSPORT");
        assertThatThrownBy(() -> TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "trunk.example",
                "SWITCHBOARD_SIP_TRUNK_PORT", "70000")))).hasMessageContaining("SWITCHBOARD_SIP_TRUNK_PORT");
        for (String callerId : new String[] {"5550001111", "12345", "+1555abc", "anonymous"}) {
            assertThatThrownBy(() -> TrunkSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_TRUNK_HOST", "trunk.example",
                    "SWITCHBOARD_SIP_TRUNK_CALLER_ID", callerId)))).as(callerId).hasMessageContaining("SWITCHBOARD_SIP_TRUNK_CALLER_ID");
        }
    }
}
