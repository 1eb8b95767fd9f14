package org.switchboard.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.switchboard.api.ApiTest;
import org.switchboard.common.federation.BlockedDomains;
import reactor.core.Disposable;

/**
 * Admins block remote domains from federation over real HTTP: the block is stored (a restart reads it back from the
 * table) and published to the XMPP server of the process, lifting it likewise, both audited; bad names are refused.
 */
class AdminFederationApiTest extends ApiTest {

    @Autowired
    BlockedDomains blocks;

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> blocked(String admin) {
        Map<String, Object> page = http.get().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("domains");
    }

    @Test
    void anAdminBlocksADomainWhichIsStoredAndPublishedThenLiftsIt() throws Exception {
        String admin = accessToken(createAdmin(uniqueName("root")));
        String domain = uniqueName("spam") + ".example";
        BlockingQueue<BlockedDomains.Change> changes = new LinkedBlockingQueue<>();
        Disposable following = blocks.changes().subscribe(changes::add);
        try {
            http.post().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("domain", domain.toUpperCase() + ".", "reason", "floods our users")).exchange()
                    .expectStatus().isCreated().expectBody()
                    .jsonPath("$.domain").isEqualTo(domain).jsonPath("$.reason").isEqualTo("floods our users")
                    .jsonPath("$.blocked_at").exists();
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo(new BlockedDomains.Change(domain, true));
            assertThat(blocks.list().map(BlockedDomains.Block::domain).collectList().block()).as("stored").contains(domain);
            assertThat(blocked(admin)).anyMatch(b -> domain.equals(b.get("domain")));

            // blocking again closes its connections again and keeps the block as it was
            http.post().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("domain", domain)).exchange().expectStatus().isCreated()
                    .expectBody().jsonPath("$.reason").isEqualTo("floods our users");
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo(new BlockedDomains.Change(domain, true));

            http.delete().uri("/api/v1/admin/federation/blocked/{d}", domain).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isNoContent();
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo(new BlockedDomains.Change(domain, false));
            assertThat(blocked(admin)).noneMatch(b -> domain.equals(b.get("domain")));
            http.delete().uri("/api/v1/admin/federation/blocked/{d}", domain).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            http.get().uri("/api/v1/admin/audit?limit=50").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.entries[?(@.action == 'block-domain' && @.details == '" + domain + "')]").exists()
                    .jsonPath("$.entries[?(@.action == 'unblock-domain' && @.details == '" + domain + "')]").exists();
        } finally {
            following.dispose();
        }
    }

    @Test
    void namesThatAreNotDomainsAreRefusedAndOnlyAdminsMayBlock() {
        String admin = accessToken(createAdmin(uniqueName("root")));
        for (String bad : List.of("", "a..b", "-x.example", "x_y.example", "user@example.org", "a".repeat(64) + ".example", "é.example")) {
            http.post().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("domain", bad)).exchange().expectStatus().isBadRequest();
        }
        http.post().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("domain", "ok.example", "reason", "r".repeat(501))).exchange().expectStatus().isBadRequest();

        String user = accessToken(createUser(uniqueName("mallory")));
        http.get().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(user)).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/admin/federation/blocked").headers(h -> h.setBearerAuth(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("domain", "friend.example")).exchange().expectStatus().isForbidden();
        http.delete().uri("/api/v1/admin/federation/blocked/friend.example").exchange().expectStatus().isUnauthorized();
    }
}
