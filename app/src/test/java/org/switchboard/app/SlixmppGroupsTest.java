package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 15's acceptance for the groups API with slixmpp (xep_0045) on the all-in-one server: a group made over REST
 * is joinable by its member from slixmpp and refused to others (registration-required), and removing the member
 * over REST takes effect on the member's live slixmpp session (status 321), which is refused after.
 */
class SlixmppGroupsTest {

    private static final String DOMAIN = "localhost";
    private static final String PASSWORD = "a-password-123";

    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_groups.py");

    @Test
    void aGroupMadeOverRestIsForItsMembersAndARemovalReachesTheLiveSession() throws Exception {
        AccountStore accounts = slixmpp.server().getBean(AccountStore.class);
        String owner = account(accounts, "owner");
        String member = account(accounts, "member");
        String stranger = account(accounts, "stranger");
        WebTestClient http = LoopbackServer.http(slixmpp.server());
        String token = (String) http.post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", owner, "password", PASSWORD))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
        Map<?, ?> group = http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Slixmpp club", "members", List.of(member + "@" + DOMAIN)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        Process script = slixmpp.start("group", slixmpp.c2sPort(), (String) group.get("jid"), member + "@" + DOMAIN,
                stranger + "@" + DOMAIN, PASSWORD);
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(script.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            boolean removed = false;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("JOINED") && !removed) {
                    http.delete().uri("/api/v1/groups/" + group.get("id") + "/members/" + member + "@" + DOMAIN)
                            .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
                    removed = true;
                    in.write("removed\n");
                    in.flush();
                }
            }
            assertThat(removed).as(output.toString()).isTrue();
        } finally {
            // the script's own deadline is shorter; this only catches a hang
            if (!script.waitFor(120, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
        }
        String[] lines = output.toString().strip().split("\n");
        assertThat(script.exitValue()).as(output.toString()).isZero();
        assertThat(lines[lines.length - 1])
                .isEqualTo("OK member entered, stranger registration-required, removed 321, again registration-required");
    }

    private static String account(AccountStore accounts, String prefix) {
        String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, PASSWORD, AccountKind.PERSON, Set.of()).block();
        return user;
    }
}
