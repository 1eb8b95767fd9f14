package org.switchboard.sip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One SIP message per WebSocket message (RFC 7118 section 5.1), so the stream parser never loses step. */
class SipFramingTest {

    private static String problem(String message) {
        return SipFraming.problem(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wholeMessagesPass() {
        assertThat(problem("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 4\r\n\r\nbody")).isNull();
        assertThat(problem("SIP/2.0 200 OK\r\nl: 0\r\n\r\n")).isNull();
        assertThat(problem("BYE sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n")).isNull();
    }

    @Test
    void messagesThatWouldDesynchroniseTheParserAreNamed() {
        assertThat(problem("hello")).contains("no end of the header");
        assertThat(problem("hello\r\n\r\n")).contains("not a SIP request");
        assertThat(problem("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 500\r\n\r\nshort")).contains("500").contains("5 bytes");
        assertThat(problem("OPTIONS sip:a@b SIP/2.0\r\n\r\nbody")).contains("missing");
        assertThat(problem("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: x\r\n\r\n")).contains("not a number");
        assertThat(SipFraming.isKeepAlive("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
    }
}
