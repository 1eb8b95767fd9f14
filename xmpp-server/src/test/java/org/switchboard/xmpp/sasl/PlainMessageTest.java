package org.switchboard.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainMessageTest {

    @Test
    void parsesWithAndWithoutAuthzid() throws SaslException {
        PlainMessage plain = PlainMessage.parse("\u0000juliet\u0000r0m30".getBytes(StandardCharsets.UTF_8));
        PlainMessage withAuthzid = PlainMessage.parse("juliet@example.com\u0000juliet\u0000p\u00e4ss".getBytes(StandardCharsets.UTF_8));

        assertThat(plain).isEqualTo(new PlainMessage(null, "juliet", "r0m30"));
        assertThat(withAuthzid.authzid()).isEqualTo("juliet@example.com");
        assertThat(withAuthzid.password()).isEqualTo("p\u00e4ss");
    }

    @Test
    void refusesMissingPartsAndBrokenUtf8() {
        assertThatThrownBy(() -> PlainMessage.parse("juliet".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> PlainMessage.parse("\u0000\u0000pw".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> PlainMessage.parse(new byte[] {0, 'a', 0, (byte) 0xFF})).isInstanceOf(SaslException.class);
    }
}
