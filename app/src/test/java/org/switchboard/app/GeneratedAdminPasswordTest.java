package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * The first start with no admin password set, as on a fresh machine: the generated password is printed once, in
 * the framed block, and logs in; the next start on the same data prints no password at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTest {

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void theGeneratedPasswordIsShownOnceAndWorks(@TempDir Path dataDir, CapturedOutput output) {
        String password;
        // an empty value counts as unset: no password chosen
        try (ConfigurableApplicationContext server = LoopbackServer.launch(dataDir, "fresh.test", "SWITCHBOARD_ADMIN_PASSWORD", "",
                "SWITCHBOARD_ROLES", "api")) {
            String log = output.getAll();
            assertThat(log).contains("This password is shown once:").contains("username: admin");
            Matcher shown = PASSWORD.matcher(log.substring(log.indexOf("This password is shown once:")));
            assertThat(shown.find()).isTrue();
            password = shown.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            LoopbackServer.http(server).post().uri("/api/v1/account/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "admin", "password", password))
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.access_token").isNotEmpty();
        }
        int printed = output.getAll().length();

        try (ConfigurableApplicationContext again = LoopbackServer.launch(dataDir, "fresh.test", "SWITCHBOARD_ADMIN_PASSWORD", "",
                "SWITCHBOARD_ROLES", "api")) {
            String secondStart = output.getAll().substring(printed);
            assertThat(secondStart).doesNotContain("shown once").doesNotContain(password);
        }
    }
}
