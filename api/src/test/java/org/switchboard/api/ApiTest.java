package org.switchboard.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.account.Roles;

/** Base of the API tests: the real server on a random port, spoken to over real HTTP. */
@SpringBootTest(classes = TestApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    protected static final String PASSWORD = "correct-horse-battery";

    @LocalServerPort
    int port;

    @Autowired
    protected AccountStore accounts;

    protected WebTestClient http;

    /** The served OpenAPI document as a checker, fetched once per test JVM. */
    private static volatile ContractCheck contract;

    @BeforeEach
    void client() {
        // generous: the first OpenAPI request builds the document, which takes seconds on a loaded machine
        WebTestClient plain = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        if (contract == null) {
            byte[] document = plain.get().uri("/docs/openapi.json").exchange().expectStatus().isOk().expectBody()
                    .returnResult().getResponseBody();
            contract = new ContractCheck(new String(document, StandardCharsets.UTF_8));
        }
        ContractCheck check = contract;
        http = plain.mutate().entityExchangeResultConsumer(check::check).build();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createUser(String name) {
        accounts.create(name, PASSWORD, AccountKind.PERSON, Set.of()).block();
        return name;
    }

    protected String createAdmin(String name) {
        accounts.create(name, PASSWORD, AccountKind.PERSON, Set.of(Roles.ADMIN)).block();
        return name;
    }

    /** Logs in and returns the token response as a map. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> login(String name, String password) {
        return http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    protected String accessToken(String name) {
        return (String) login(name, PASSWORD).get("access_token");
    }
}
