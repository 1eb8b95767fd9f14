package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7395 on the wire, with the JDK's WebSocket client and the XMPP written by hand: {@code <open/>} and the
 * features of the TCP stream minus STARTTLS, a PLAIN login, the restart with a new {@code <open/>}, binding,
 * stream management with resumption, and {@code <close/>}. Also XEP-0156's host-meta naming the endpoint.
 */
class WebSocketTest {

    static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + RunningServer.DOMAIN + "' version='1.0'/>";

    @StartedServer private static RunningServer running;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        http = UploadClients.http(running);
    }

    @Test
    void theStreamOpensWithOpenAndOffersSaslWithoutStartTls() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            assertThat(ws.socket.getSubprotocol()).isEqualTo("xmpp");
            String open = ws.send(OPEN).next();
            assertThat(open).startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'")
                    .contains("from='" + RunningServer.DOMAIN + "'", "version='1.0'", " id='");
            String features = ws.next();
            assertThat(features).startsWith("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>")
                    .contains("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>", "<mechanism>PLAIN</mechanism>")
                    .doesNotContain("starttls");
            ws.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
            assertThat(ws.next()).isEqualTo("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
            assertThat(ws.closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void loginBindAndStreamManagementAsOnTcp() throws Exception {
        String user = running.newAccount("ws password");
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            ws.send(OPEN).until("stream:features");
            String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0ws password").getBytes(StandardCharsets.UTF_8));
            assertThat(ws.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>").next())
                    .isEqualTo("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
            // RFC 7395 section 3.3.5: after SASL the client opens anew, and gets a new <open/> and features
            assertThat(ws.send(OPEN).next()).startsWith("<open ");
            assertThat(ws.next()).contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>", "<sm xmlns='urn:xmpp:sm:3'/>");
            String bound = ws.send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>web</resource></bind></iq>").next();
            assertThat(bound).startsWith("<iq xmlns='jabber:client'").contains("<jid>" + user + "@" + RunningServer.DOMAIN + "/web</jid>");
            assertThat(ws.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>").next())
                    .startsWith("<enabled xmlns='urn:xmpp:sm:3'").contains("resume='true'");
            // a stanza to oneself comes back as its own message, with the client namespace declared
            ws.send("<message xmlns='jabber:client' to='" + user + "@" + RunningServer.DOMAIN + "/web' id='m1' type='chat'>"
                    + "<body>to myself</body></message>");
            assertThat(ws.until("to myself")).startsWith("<message xmlns='jabber:client'").doesNotContain("<r xmlns");
        }
    }

    @Test
    void aSessionWhoseWebSocketDroppedIsResumedOnANewOne() throws Exception {
        String user = running.newAccount("ws password");
        String smId;
        try (RawWebSocket first = RawWebSocket.connect(running)) {
            login(first, user);
            first.send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>").until("<jid>");
            String enabled = first.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>").until("<enabled");
            smId = enabled.replaceAll(".* id='([^']+)'.*", "$1");
            // close() aborts: the connection is cut without <close/>, as when a browser tab loses the network
        }
        try (RawWebSocket second = RawWebSocket.connect(running)) {
            login(second, user);
            assertThat(second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + smId + "' h='0'/>").until("urn:xmpp:sm:3"))
                    .startsWith("<resumed xmlns='urn:xmpp:sm:3'").contains("previd='" + smId + "'");
        }
    }

    /** SASL PLAIN and the restart, up to the features of the authenticated stream. */
    private static void login(RawWebSocket ws, String user) throws Exception {
        ws.send(OPEN).until("stream:features");
        String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0ws password").getBytes(StandardCharsets.UTF_8));
        assertThat(ws.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>").next())
                .isEqualTo("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        ws.send(OPEN).until("stream:features");
    }

    @Test
    void aWrongPasswordFailsAsOnTcp() throws Exception {
        String user = running.newAccount("the right password");
        try (RawWebSocket ws = RawWebSocket.connect(running)) {
            ws.send(OPEN).until("stream:features");
            String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0wrong").getBytes(StandardCharsets.UTF_8));
            assertThat(ws.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>").next())
                    .startsWith("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>");
        }
    }

    @Test
    void hostMetaNamesTheWebSocketEndpoint() throws Exception {
        String base = "https://" + RunningServer.DOMAIN + ":" + running.server.httpsPort();
        String wss = "wss://" + RunningServer.DOMAIN + ":" + running.server.httpsPort() + "/ws";
        HttpResponse<String> xrd = get(base + "/.well-known/host-meta");
        assertThat(xrd.statusCode()).isEqualTo(200);
        assertThat(xrd.headers().firstValue("content-type")).hasValue("application/xrd+xml; charset=utf-8");
        assertThat(xrd.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(xrd.body()).contains("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>",
                "<Link rel='urn:xmpp:alt-connections:websocket' href='" + wss + "'/>");
        HttpResponse<String> json = get(base + "/.well-known/host-meta.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json.body()).isEqualTo("{\"links\":[{\"rel\":\"urn:xmpp:alt-connections:websocket\",\"href\":\"" + wss + "\"}]}\n");
        assertThat(get(base + "/.well-known/host-metaX").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
