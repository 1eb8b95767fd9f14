package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.server.RunningServices;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/**
 * Issue 17's TURN part on the all-in-one server: an admin's lock over REST ends the account's live TURN
 * allocation, and the credential the API handed out before it no longer allocates.
 */
class TurnRevocationOverRestTest {

    private static final byte UDP = 17;

    @TempDir
    Path dataDir;

    @Test
    void anAdminLockEndsALiveAllocationAndRefusesItsCredential() throws Exception {
        // The test client signs for the realm of the turn module's tests; the realm is the domain.
        try (ConfigurableApplicationContext server = LoopbackServer.launch(dataDir, TestServers.REALM,
                "SWITCHBOARD_ROLES", "turn",
                "SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1",
                "SWITCHBOARD_TURN_PORT", "0",
                "SWITCHBOARD_TURN_TLS_PORT", "0",
                "SWITCHBOARD_TURN_RELAY_PORTS", "42300-42340",
                "SWITCHBOARD_TURN_SECRET", "a-turn-secret-for-the-test")) {
            WebTestClient http = LoopbackServer.http(server);
            String admin = login(http, "admin", LoopbackServer.ADMIN_PASSWORD);
            http.post().uri("/api/v1/admin/users").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "erin", "password", "erin-password-1")).exchange().expectStatus().isCreated();
            Map<?, ?> credentials = http.get().uri("/api/v1/turn/credentials")
                    .headers(h -> h.setBearerAuth(login(http, "erin", "erin-password-1")))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            MeterRegistry meters = server.getBean(MeterRegistry.class);

            try (TurnTestClient erin = new TurnTestClient(Wire.udp(turnPort(server)))
                    .withCredentials((String) credentials.get("username"), (String) credentials.get("password"))) {
                Message allocated = erin.authenticated(() -> MessageFactory.createAllocateRequest(UDP, false));
                assertThat(allocated.getMessageType()).as("Allocate, error %s", TurnTestClient.errorCode(allocated))
                        .isEqualTo(Message.ALLOCATE_RESPONSE);
                assertThat(activeAllocations(meters)).isEqualTo(1);

                http.patch().uri("/api/v1/admin/users/erin").headers(h -> h.setBearerAuth(admin))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("locked", true))
                        .exchange().expectStatus().isOk();

                awaitNoAllocations(meters);
                assertThat(activeAllocations(meters)).isZero();
            }
            // A new 5-tuple with the same credential: refused, not allocated.
            try (TurnTestClient again = new TurnTestClient(Wire.udp(turnPort(server)))
                    .withCredentials((String) credentials.get("username"), (String) credentials.get("password"))) {
                Message refused = again.authenticated(() -> MessageFactory.createAllocateRequest(UDP, false));
                assertThat(TurnTestClient.errorCode(refused)).isEqualTo(401);
                assertThat(activeAllocations(meters)).isZero();
            }
        }
    }

    private static int turnPort(ConfigurableApplicationContext server) {
        return server.getBean(RunningServices.class).list().stream()
                .filter(e -> e.name().equals("turn") && e.transport().equals("udp")).findFirst().orElseThrow().port();
    }

    private static double activeAllocations(MeterRegistry meters) {
        return meters.get("switchboard.turn.allocations.active").gauge().value();
    }

    /** The account store tells its listeners after the commit; a patient bound for a loaded machine. */
    private static void awaitNoAllocations(MeterRegistry meters) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (activeAllocations(meters) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    private static String login(WebTestClient http, String name, String password) {
        return (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }
}
