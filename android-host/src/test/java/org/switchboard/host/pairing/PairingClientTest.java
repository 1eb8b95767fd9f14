package org.switchboard.host.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pairing client over a real socket against a small HTTP server that answers as host-protocol.md
 * section 2 says the API does (the API itself is on another branch).
 */
class PairingClientTest {

    private HttpServer http;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "";
    private volatile String retryAfter;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/v1/hosts/pair", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private PairingClient client() {
        return new PairingClient(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/"), null, Duration.ofSeconds(5));
    }

    @Test
    void aGoodCodeGivesTheCredentials() throws Exception {
        answer = "{\"host_id\": \"5f0c1d2e\", \"jid\": \"host-5f0c@example.com\", \"password\": \"s3cr\\u00e9t \\\"quoted\\\"\","
                + " \"xmpp_host\": \"example.com\", \"xmpp_port\": 5222, \"gateway\": \"sms.example.com\", \"later\": {\"x\": [1, 2]}}";
        HostCredentials credentials = client().pair("123456");
        assertThat(credentials.hostId()).isEqualTo("5f0c1d2e");
        assertThat(credentials.jid()).isEqualTo("host-5f0c@example.com");
        assertThat(credentials.password()).isEqualTo("s3cr\u00e9t \"quoted\"");
        assertThat(credentials.xmppHost()).isEqualTo("example.com");
        assertThat(credentials.xmppPort()).isEqualTo(5222);
        assertThat(credentials.gateway()).isEqualTo("sms.example.com");
        assertThat(credentials.localpart()).isEqualTo("host-5f0c");
        assertThat(credentials.toString()).doesNotContain("quoted");
        assertThat(requests).containsExactly("POST application/json {\"code\":\"123456\"}");
    }

    @Test
    void aWrongCodeIsInvalidWithTheServersWords() {
        status = 404;
        answer = "{\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404, \"detail\": \"this pairing code is wrong, expired or already used\"}";
        assertThatThrownBy(() -> client().pair("654321")).isInstanceOfSatisfying(PairingException.class, e -> {
            assertThat(e.reason()).isEqualTo(PairingException.Reason.INVALID_CODE);
            assertThat(e.getMessage()).isEqualTo("this pairing code is wrong, expired or already used");
        });
    }

    @Test
    void tooManyAttemptsCarryRetryAfter() {
        status = 429;
        retryAfter = "120";
        answer = "{\"title\": \"Too Many Requests\", \"status\": 429}";
        assertThatThrownBy(() -> client().pair("654321")).isInstanceOfSatisfying(PairingException.class, e -> {
            assertThat(e.reason()).isEqualTo(PairingException.Reason.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        });
    }

    @Test
    void brokenAnswersAreUnavailableNotCrashes() {
        for (String broken : List.of("", "not json", "{\"jid\": \"a@b\"}", "[1,2,3]", "{\"host_id\":\"x\",\"jid\":\"a@b\","
                + "\"password\":\"p\",\"xmpp_host\":\"b\",\"xmpp_port\":\"5222\",\"gateway\":\"sms.b\"}", "{".repeat(1_000),
                "{\"a\": \"\\u12\"}")) {
            answer = broken;
            assertThatThrownBy(() -> client().pair("123456")).as(broken).isInstanceOfSatisfying(PairingException.class,
                    e -> assertThat(e.reason()).isEqualTo(PairingException.Reason.UNAVAILABLE));
        }
        status = 500;
        answer = "oops";
        assertThatThrownBy(() -> client().pair("123456")).isInstanceOfSatisfying(PairingException.class,
                e -> assertThat(e.getMessage()).contains("500"));
    }

    @Test
    void codesThatAreNotSixDigitsNeverLeaveThePhone() {
        for (String code : List.of("12345", "1234567", "12a456", "", "123456\"}")) {
            assertThatThrownBy(() -> client().pair(code)).isInstanceOf(PairingException.class);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void theQrLinkNamesServerAndCode() {
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(
                "switchboard://pair?server=https%3A%2F%2Fchat.example.com%3A8443&code=123456");
        assertThat(link.server()).isEqualTo(URI.create("https://chat.example.com:8443"));
        assertThat(link.code()).isEqualTo("123456");
        assertThatThrownBy(() -> PairingClient.PairingLink.parse("https://evil.example/pair?code=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairingClient.PairingLink.parse("switchboard://pair?code=123456")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedLinksAreRejectedSayingWhatIsWrong() {
        String server = "server=https%3A%2F%2Fchat.example.com";
        assertThat(List.of(
                "switchboard://pair?" + server + "&code=12345",
                "switchboard://pair?" + server + "&code=12345a",
                "switchboard://pair?server=ftp%3A%2F%2Fchat.example.com&code=123456",
                "switchboard://pair?server=chat.example.com&code=123456",
                "switchboard://pair?server=https%3A%2F%2F&code=123456",
                "switchboard://pair?" + server + "&code=123456&code=654321",
                "switchboard://pair?" + server + "&code=123456&fp=abc",
                "switchboard://pair?server=%zz&code=123456",
                "switchboard://other?" + server + "&code=123456",
                "switch board://pair",
                "switchboard://pair?" + server + "&code=123456&x=" + "y".repeat(3000)))
                .allSatisfy(link -> assertThatThrownBy(() -> PairingClient.PairingLink.parse(link))
                        .isInstanceOf(IllegalArgumentException.class));
        assertThatThrownBy(() -> PairingClient.PairingLink.parse("switchboard://pair?" + server + "&code=12345a"))
                .hasMessageContaining("six digits");
        assertThatThrownBy(() -> PairingClient.PairingLink.parse("switchboard://pair?server=ftp%3A%2F%2Fx&code=123456"))
                .hasMessageContaining("http(s)");
    }

    /** The link exactly as the server's {@code POST /api/v1/hosts} writes it (HostsController), with a pin. */
    @Test
    void theServersLinkWithItsPinParses() {
        String link = "switchboard://pair?server=" + java.net.URLEncoder.encode("https://chat.example.com:8443/", java.nio.charset.StandardCharsets.UTF_8)
                + "&code=004200&fp=" + PIN;
        PairingClient.PairingLink parsed = PairingClient.PairingLink.parse(link);
        assertThat(parsed.server()).isEqualTo(URI.create("https://chat.example.com:8443/"));
        assertThat(parsed.code()).isEqualTo("004200");
        assertThat(parsed.tlsSha256()).isEqualTo(PIN);
    }

    private static final String PIN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String ANSWER = "{\"host_id\": \"h1\", \"jid\": \"host-1@example.com\", \"password\": \"pw\","
            + " \"xmpp_host\": \"example.com\", \"xmpp_port\": 5222, \"gateway\": \"sms.example.com\"";

    @Test
    void theAnswersCertificatePinIsKeptAndPinsTheConnection() throws Exception {
        answer = ANSWER + ", \"tls_sha256\": \"" + PIN.toUpperCase() + "\"}";
        HostCredentials credentials = client().pair("123456");
        assertThat(credentials.tlsSha256()).isEqualTo(PIN);
        assertThat(credentials.trust().isPinned()).isTrue();
        assertThat(credentials.trust().pinnedFingerprint()).isEqualTo(PIN);

        answer = ANSWER + ", \"tls_sha256\": null}";
        assertThat(client().pair("123456").trust().isPinned()).isFalse();
        answer = ANSWER + "}";
        assertThat(client().pair("123456").tlsSha256()).isNull();
        for (String bad : List.of("\"abc\"", "12", "[\"" + PIN + "\"]", "\"" + PIN + "00\"", "\"" + PIN.replace('a', 'g') + "\"")) {
            answer = ANSWER + ", \"tls_sha256\": " + bad + "}";
            assertThatThrownBy(() -> client().pair("123456")).as(bad).isInstanceOfSatisfying(PairingException.class,
                    e -> assertThat(e.reason()).isEqualTo(PairingException.Reason.UNAVAILABLE));
        }
    }

    @Test
    void theQrCodesPinWinsOverTheAnswer() throws Exception {
        String base = "switchboard://pair?server=" + java.net.URLEncoder.encode("http://127.0.0.1:" + http.getAddress().getPort(),
                StandardCharsets.UTF_8) + "&code=123456&fp=";
        PairingClient.PairingLink link = PairingClient.PairingLink.parse(base + PIN);
        assertThat(link.tlsSha256()).isEqualTo(PIN);

        answer = ANSWER + ", \"tls_sha256\": \"" + PIN + "\"}";
        assertThat(client().pair(link).tlsSha256()).isEqualTo(PIN);
        answer = ANSWER + "}";
        assertThat(client().pair(link).tlsSha256()).isEqualTo(PIN);
        String other = PIN.replace('0', 'f');
        answer = ANSWER + ", \"tls_sha256\": \"" + other + "\"}";
        assertThatThrownBy(() -> client().pair(link)).isInstanceOfSatisfying(PairingException.class, e -> {
            assertThat(e.reason()).isEqualTo(PairingException.Reason.CERTIFICATE_MISMATCH);
            assertThat(e.getMessage()).contains(other, PIN);
        });

        assertThatThrownBy(() -> PairingClient.PairingLink.parse(base + "abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> PairingClient.PairingLink.parse(base + PIN + "&fp=" + other)).hasMessageContaining("fp twice");
        assertThatThrownBy(() -> PairingClient.PairingLink.parse(base + PIN + "&code=654321")).hasMessageContaining("code twice");
    }
}
