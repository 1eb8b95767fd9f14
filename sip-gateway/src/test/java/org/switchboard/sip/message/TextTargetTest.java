package org.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;

/** What a MESSAGE's Request-URI names: a number (RFC 3261 user=phone, RFC 3966 tel:), an account, or neither. */
class TextTargetTest {

    private static final AddressFactory URIS;

    static {
        try {
            URIS = SipFactory.getInstance().createAddressFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TextTarget of(String uri) throws Exception {
        return TextTarget.of(URIS.createURI(uri), "example.com", "sip.example.com");
    }

    @Test
    void numbersAreTakenAsWrittenForLibphonenumber() throws Exception {
        assertThat(of("sip:+15551234567@example.com")).isEqualTo(new TextTarget("+15551234567", null));
        assertThat(of("sip:+15551234567@sip.example.com;user=phone")).isEqualTo(new TextTarget("+15551234567", null));
        assertThat(of("sip:5551234567@example.com;user=phone")).isEqualTo(new TextTarget("5551234567", null));
        assertThat(of("sip:%28555%29%20123-4567@example.com;user=phone")).isEqualTo(new TextTarget("(555) 123-4567", null));
        assertThat(of("tel:+1-555-123-4567")).isEqualTo(new TextTarget("+1-555-123-4567", null));
        assertThat(of("tel:12345;phone-context=+1")).isEqualTo(new TextTarget("12345;phone-context=+1", null));
    }

    @Test
    void otherUsersOfThisDomainAreAccounts() throws Exception {
        assertThat(of("sip:Alice@example.com")).isEqualTo(new TextTarget(null, "alice"));
        assertThat(of("sip:5551234567@example.com")).isEqualTo(new TextTarget(null, "5551234567"));
    }

    @Test
    void anythingElseIsNotForThisPackage() throws Exception {
        assertThat(of("sip:+15551234567@elsewhere.test")).isSameAs(TextTarget.ELSEWHERE);
        assertThat(of("sip:example.com")).isSameAs(TextTarget.ELSEWHERE);
        assertThat(of("sips:alice@elsewhere.test")).isSameAs(TextTarget.ELSEWHERE);
    }

    @Test
    void brokenEscapesStayAsWritten() {
        assertThat(TextTarget.unescape("%2")).isEqualTo("%2");
        assertThat(TextTarget.unescape("%zz1")).isEqualTo("%zz1");
        assertThat(TextTarget.unescape("+1%2B")).isEqualTo("+1+");
    }
}
