package org.switchboard.sip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The opening handshake of RFC 6455 section 4.2 with the subprotocol of RFC 7118 section 4.1. */
class HandshakeTest {

    private static final String GOOD = "GET / HTTP/1.1\r\nHost: sip.example.org\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://phone.example.org\r\n";

    private static String answer(String head) {
        return new String(Handshake.answer(head).response(), StandardCharsets.UTF_8);
    }

    @Test
    void sipAmongTheOfferedSubprotocolsIsAcceptedWithTheRfc6455Key() {
        Handshake.Answer answer = Handshake.answer(GOOD + "Sec-WebSocket-Protocol: chat, sip");
        assertThat(answer.accepted()).isTrue();
        // the example key and accept value of RFC 6455 section 1.3
        assertThat(new String(answer.response(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 ")
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n").contains("Sec-WebSocket-Protocol: sip\r\n")
                .doesNotContain("chat");
    }

    @Test
    void whatIsMissingOrWrongIsNamed() {
        assertThat(answer(GOOD)).startsWith("HTTP/1.1 400").contains("'sip' WebSocket subprotocol");
        assertThat(answer(GOOD + "Sec-WebSocket-Protocol: SIP")).startsWith("HTTP/1.1 400");
        assertThat(answer(GOOD.replace("Version: 13", "Version: 8") + "Sec-WebSocket-Protocol: sip"))
                .startsWith("HTTP/1.1 426").contains("Sec-WebSocket-Version: 13");
        assertThat(answer(GOOD.replace("Upgrade: websocket\r\n", "") + "Sec-WebSocket-Protocol: sip")).startsWith("HTTP/1.1 426");
        assertThat(answer(GOOD.replace("dGhlIHNhbXBsZSBub25jZQ==", "short") + "Sec-WebSocket-Protocol: sip"))
                .startsWith("HTTP/1.1 400").contains("16 bytes");
        assertThat(answer(GOOD.replace("GET / HTTP/1.1", "POST / HTTP/1.1") + "Sec-WebSocket-Protocol: sip")).startsWith("HTTP/1.1 400");
        assertThat(answer(GOOD.replace("Host: sip.example.org\r\n", "") + "Sec-WebSocket-Protocol: sip")).contains("no Host");
        assertThat(answer(GOOD + "no colon here")).startsWith("HTTP/1.1 400").contains("malformed header");
        assertThat(answer(GOOD + "X: y\r\n".repeat(70) + "Sec-WebSocket-Protocol: sip")).startsWith("HTTP/1.1 431");
    }

    @Test
    void aRefusalQuotesBackNoControlCharacters() {
        assertThat(answer("GET /\u0007\u001b[2J HTTP/1.1 x")).doesNotContain("\u001b").contains("?");
    }
}
