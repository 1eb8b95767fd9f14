package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.sip.push.SipPush;
import org.switchboard.sip.websocket.WebSocketSettings;

/**
 * SIP over WebSocket (RFC 7118) against the real gateway: the JDK's WebSocket client plays a browser phone that
 * registers with digest and is called from a UDP phone over the connection it registered on; hostile
 * handshakes and frames end that connection only.
 */
@Timeout(60)
class WebSocketTransportTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings(), SipPush.NONE,
                new WebSocketSettings(SipTestServer.freeTcpPort(), SipTestServer.freeTcpPort()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBrowserPhoneRegistersOverWebSocketAndACallFromUdpReachesItOverThatConnection() throws Exception {
        Account bob = server.createAccount("wsbob", "bob-password-1", AccountKind.PERSON);
        Account alice = server.createAccount("wsalice", "alice-password-1", AccountKind.PERSON);
        try (WsPhone browser = WsPhone.connect(server.gateway().wsPort(), bob.localpart(), "bob-password-1");
             RawPhone caller = new RawPhone(server.gateway().udpPort(), alice.localpart(), "alice-password-1")) {
            String ok = browser.register(SipTestServer.DOMAIN, "ws-reg-" + UUID.randomUUID());
            assertThat(ok).startsWith("SIP/2.0 200").contains(browser.host);

            String callId = "ws-call-" + UUID.randomUUID();
            RawPhone.Call call = caller.call(bob.localpart(), callId);
            String invite = browser.await(m -> m.startsWith("INVITE ") && m.contains(callId), Duration.ofSeconds(10));
            assertThat(invite).as("the INVITE reached the browser over its WebSocket").isNotNull()
                    .startsWith("INVITE " + browser.contact).contains("SIP/2.0/WS ");
            browser.answer(invite, 200, "OK");
            String answered = caller.await(m -> m.startsWith("SIP/2.0 200") && m.contains(callId), Duration.ofSeconds(10));
            assertThat(answered).as("the caller got the browser's 200").isNotNull();
            caller.ackAnswer(call, answered);
            assertThat(browser.await(m -> m.startsWith("ACK ") && m.contains(callId), Duration.ofSeconds(10)))
                    .as("the ACK inside the dialog went to the .invalid Contact over the same connection").isNotNull();
        }
    }

    @Test
    void aBrowserPhoneRegistersOverSecureWebSocketWithTheServerCertificate() throws Exception {
        Account carol = server.createAccount("wsscarol", "carol-password-1", AccountKind.PERSON);
        try (WsPhone browser = WsPhone.connectSecure(server.gateway().wssPort(), server.certificate(), carol.localpart(), "carol-password-1")) {
            assertThat(browser.register(SipTestServer.DOMAIN, "wss-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void aHandshakeWithoutTheSipSubprotocolIsRefusedAndSaysWhy() throws Exception {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.gateway().wsPort() + "/"), new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class);
        try (Socket socket = new Socket("127.0.0.1", server.gateway().wsPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("'sip' WebSocket subprotocol");
        }
    }

    @Test
    void garbageBeforeTheHandshakeIsRefusedAndAnEndlessHeadIsCutOff() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.gateway().wsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("REGISTER sip:sip.test SIP/2.0\r\nVia: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
        }
        try (Socket socket = new Socket("127.0.0.1", server.gateway().wsPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] header = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            String answer = "";
            try {
                for (int i = 0; i < 20; i++) {
                    out.write(header);
                }
            } catch (java.io.IOException closedWhileWriting) {
                // the server may close before every byte went out
            }
            InputStream in = socket.getInputStream();
            answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 431");
        }
    }

    @Test
    void nonSipMessagesAreDroppedAndTheConnectionKeepsServing() throws Exception {
        Account dave = server.createAccount("wsdave", "dave-password-1", AccountKind.PERSON);
        try (WsPhone browser = WsPhone.connect(server.gateway().wsPort(), dave.localpart(), "dave-password-1")) {
            browser.socket.sendText("hello, this is not SIP", true).join();
            browser.socket.sendText("OPTIONS sip:x SIP/2.0\r\nContent-Length: 500\r\n\r\nshort body", true).join();
            browser.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF}), true).join();
            browser.socket.sendText("\r\n\r\n", true).join();
            assertThat(browser.register(SipTestServer.DOMAIN, "ws-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void anOversizedMessageClosesItsConnectionWith1009AndOthersAreServed() throws Exception {
        Account erin = server.createAccount("wserin", "erin-password-1", AccountKind.PERSON);
        try (WsPhone browser = WsPhone.connect(server.gateway().wsPort(), erin.localpart(), "erin-password-1")) {
            browser.socket.sendText("x".repeat(server.settings.maxMessageBytes() + 1), true).join();
            assertThat(browser.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        }
        try (WsPhone browser = WsPhone.connect(server.gateway().wsPort(), erin.localpart(), "erin-password-1")) {
            assertThat(browser.register(SipTestServer.DOMAIN, "ws-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void anotherAccountCannotTakeOverAWebSocketPhonesContactHost() throws Exception {
        Account frank = server.createAccount("wsfrank", "frank-password-1", AccountKind.PERSON);
        Account mallory = server.createAccount("wsmallory", "mallory-password-1", AccountKind.PERSON);
        try (WsPhone victim = WsPhone.connect(server.gateway().wsPort(), frank.localpart(), "frank-password-1");
             WsPhone thief = WsPhone.connect(server.gateway().wsPort(), mallory.localpart(), "mallory-password-1")) {
            assertThat(victim.register(SipTestServer.DOMAIN, "ws-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            WsPhone imitation = thief.withContactHost(victim.host);
            assertThat(imitation.register(SipTestServer.DOMAIN, "ws-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 403");
        }
    }
}
