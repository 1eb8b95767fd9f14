package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;

/**
 * The webhook SSRF guard as a server without an allow-list runs it: only https, only public addresses, whatever
 * form the URL takes to hide where it points; and the same check again before each delivery.
 */
@TestPropertySource(properties = {"test.webhook-allow-http=false", "test.webhook-allowed-networks="})
@SuppressWarnings("unchecked")
class WebhookTargetApiTest extends ApiTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    WebhookStore store;
    @Autowired
    MessageEvents events;

    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (Exception e) {
                    return;
                }
            }
        }, "webhook-target-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
    }

    @Test
    void hostileUrlsAreRefusedAtRegistrationWithTheReason() {
        String token = accessToken(createUser(uniqueName("ssrf")));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("http://93.184.215.14/hook", "scheme");                 // plain http without the setting
        expected.put("ftp://93.184.215.14/hook", "scheme");
        expected.put("/relative", "scheme");
        expected.put("https://127.0.0.1/hook", "address");
        expected.put("https://127.0.0.2:8443/hook", "address");
        expected.put("https://localhost/hook", "address");                   // a name that resolves to loopback
        expected.put("https://LOCALHOST/hook", "address");
        expected.put("https://[::1]/hook", "address");
        expected.put("https://[::ffff:127.0.0.1]/hook", "address");          // IPv4-mapped IPv6
        expected.put("https://[::ffff:a9fe:a9fe]/latest/meta-data/", "address");
        expected.put("https://[0:0:0:0:0:ffff:7f00:1]/hook", "address");
        expected.put("https://[::127.0.0.1]/hook", "address");               // IPv4-compatible
        expected.put("https://[64:ff9b::a9fe:a9fe]/hook", "address");        // NAT64 of the metadata address
        expected.put("https://169.254.169.254/latest/meta-data/", "address");
        expected.put("https://10.0.0.1/hook", "address");
        expected.put("https://172.16.5.4/hook", "address");
        expected.put("https://192.168.1.1/hook", "address");
        expected.put("https://100.64.0.1/hook", "address");
        expected.put("https://[fd00::1]/hook", "address");
        expected.put("https://[fe80::1]/hook", "address");
        expected.put("https://224.0.0.1/hook", "address");
        expected.put("https://[ff02::1]/hook", "address");
        expected.put("https://0.0.0.0/hook", "address");
        expected.put("https://[::]/hook", "address");
        expected.put("https://0177.0.0.1/hook", "ambiguous-address");        // octal
        expected.put("https://0x7f.0.0.1/hook", "ambiguous-address");        // hexadecimal
        expected.put("https://0x7f000001/hook", "ambiguous-address");
        expected.put("https://127.1/hook", "ambiguous-address");             // short form
        expected.put("https://good@127.0.0.1/hook", "user-info");            // the host is 127.0.0.1, not good
        expected.put("https://good.example.com@127.0.0.1/hook", "user-info");
        expected.put("https://good.example.com:443@127.0.0.1/hook", "user-info");
        for (Map.Entry<String, String> each : expected.entrySet()) {
            Map<String, Object> problem = http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", each.getKey())).exchange()
                    .expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(problem).as(each.getKey()).containsEntry("type", "urn:switchboard:problem:webhook-target-refused")
                    .containsEntry("reason", each.getValue());
            assertThat(((List<Map<String, Object>>) problem.get("errors")).get(0)).as(each.getKey()).containsEntry("field", "url");
        }
        // the detail names what the address is
        Map<String, Object> metadata = http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "https://169.254.169.254/")).exchange()
                .expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) metadata.get("detail")).contains("169.254.169.254", "link-local", "169.254.0.0/16");
        // a decimal address is no host name either way
        Map<String, Object> decimal = http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "https://2130706433/hook")).exchange()
                .expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(decimal.get("reason")).isIn("ambiguous-address", "malformed");
        assertThat(http.get().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody()).isEmpty();
    }

    @Test
    void publicAddressesAreAccepted() {
        String token = accessToken(createUser(uniqueName("public")));
        for (String url : List.of("https://93.184.215.14/hook", "https://[2606:4700:4700::1111]:8443/hook?x=1")) {
            http.post().uri("/api/v1/webhooks").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", url)).exchange().expectStatus().isCreated();
        }
    }

    /** A webhook that passed at registration (a name that pointed elsewhere then) is checked again before each delivery. */
    @Test
    void aTargetThatNowPointsInsideIsRefusedAtDelivery() throws Exception {
        SmsFixture sms = new SmsFixture(http, db);
        String name = createUser(uniqueName("rebound"));
        String token = accessToken(name);
        SmsFixture.PairedHost host = sms.pairedHost(token, "Phone");
        long sim = sms.sim(host.id(), 1, "+15551170001", "US", false);
        String url = "https://localhost:" + listener.getLocalPort() + "/hook";
        long owner = sms.ownerId(name);
        WebhookStore.Webhook webhook = events.now().flatMap(now -> store.create(owner, url, "a-secret-of-the-receiver", now)).block();
        sms.message(owner, host.id(), sim, "in", "+15557654324", "received", Duration.ZERO);

        List<Map<String, Object>> log = List.of();
        Instant deadline = Instant.now().plusSeconds(20);
        while (log.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            log = http.get().uri("/api/v1/webhooks/" + webhook.id() + "/deliveries").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        }
        assertThat(log).isNotEmpty();
        assertThat(log.get(0)).containsEntry("delivered", false).containsEntry("status", null);
        assertThat((String) log.get(0).get("error")).startsWith("refused: url host localhost resolves to").contains("loopback");
        assertThat(connections.get()).isZero();
    }
}
