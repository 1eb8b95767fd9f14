package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.turn.TurnCredentials;

/**
 * Issue 11 with slixmpp against the all-in-one server: its XEP-0363 plugin finds {@code upload.<domain>},
 * gets a slot and PUTs a file, then GETs it back whole and in part; XEP-0215 lists STUN and TURN with a
 * credential that the TURN server's check accepts under the configured secret. The domain is
 * {@code localhost} so the upload URL resolves and matches the self-signed certificate.
 */
class SlixmppUploadTest {

    private static final String DOMAIN = "localhost";
    private static final String TURN_SECRET = "turn-secret-for-the-slixmpp-test";

    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_upload.py", "SWITCHBOARD_TURN_SECRET", TURN_SECRET,
            "SWITCHBOARD_UPLOAD_MAX_FILE_BYTES", "1048576")
            // slixmpp's XEP-0363 plugin imports aiohttp, which Debian's python3-slixmpp only recommends
            .requiring("aiohttp", "python3-aiohttp");

    @Test
    void slixmppUploadsAFileAndGetsItBack() throws Exception {
        assertThat(scenario("upload")).isEqualTo("OK uploaded 150000 bytes, got them back whole and the range 10-19; max-file-size 1048576");
    }

    @Test
    void slixmppDiscoversTurnWithWorkingCredentials() throws Exception {
        String outcome = scenario("extdisco");

        String[] words = outcome.split(" ");
        assertThat(words[1]).isEqualTo("stun/udp,turn/tcp,turn/udp,turns/tcp");
        assertThat(new TurnCredentials(TURN_SECRET).verify(words[3], words[4], Instant.now())).as(outcome).isTrue();
    }

    private static String scenario(String name) throws Exception {
        AccountStore accounts = slixmpp.server().getBean(AccountStore.class);
        String user = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, "a-password-123", AccountKind.PERSON, Set.of()).block();
        Slixmpp.Run run = slixmpp.run(120, name, slixmpp.c2sPort(), user + "@" + DOMAIN, "a-password-123");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.outcome();
    }
}
