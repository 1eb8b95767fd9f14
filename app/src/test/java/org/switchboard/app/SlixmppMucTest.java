package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 15 with slixmpp's xep_0045 against the all-in-one server: a room with three occupants, history on
 * entering, a kick and a ban, and the room's archive.
 */
class SlixmppMucTest {

    private static final String DOMAIN = "localhost";
    private static final String PASSWORD = "a-password-123";

    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_muc.py");

    @Test
    void threeOccupantsHistoryKickBanAndTheRoomArchive() throws Exception {
        AccountStore accounts = slixmpp.server().getBean(AccountStore.class);
        String[] jids = new String[3];
        for (int i = 0; i < 3; i++) {
            String user = "muc" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            accounts.create(user, PASSWORD, AccountKind.PERSON, Set.of()).block();
            jids[i] = user + "@" + DOMAIN;
        }
        Slixmpp.Run run = slixmpp.run(120, "room", slixmpp.c2sPort(), jids[0], jids[1], jids[2], PASSWORD);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.outcome()).isEqualTo("OK 3 occupants, history 2 of 3, kick 307, ban forbidden, room archive 3");
    }
}
