package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 15 with slixmpp's xep_0045 against the all-in-one server: a room with three occupants, history on
 * entering, a kick and a ban, and the room's archive.
 */
class SlixmppMucTest {

    private static final String DOMAIN = "localhost";
    private static final String PASSWORD = "a-password-123";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext server;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        Slixmpp.assumeInstalled();
        server = LoopbackServer.launch(dataDir, DOMAIN);
        script = Slixmpp.script(dataDir, "slixmpp_muc.py");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeOccupantsHistoryKickBanAndTheRoomArchive() throws Exception {
        AccountStore accounts = server.getBean(AccountStore.class);
        String[] jids = new String[3];
        for (int i = 0; i < 3; i++) {
            String user = "muc" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            accounts.create(user, PASSWORD, AccountKind.PERSON, Set.of()).block();
            jids[i] = user + "@" + DOMAIN;
        }
        Slixmpp.Run run = Slixmpp.run(script, server, 120, "room", Integer.toString(Slixmpp.c2sPort(server)), jids[0], jids[1], jids[2],
                PASSWORD);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.outcome()).isEqualTo("OK 3 occupants, history 2 of 3, kick 307, ban forbidden, room archive 3");
    }
}
