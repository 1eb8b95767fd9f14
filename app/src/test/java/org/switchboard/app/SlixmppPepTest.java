package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 11 with slixmpp's xep_0163 and xep_0118 against the all-in-one server: a PEP item published by one
 * contact reaches the other, which announced {@code +notify} in its entity caps, and only for the node it asked
 * for; the publisher reads its node back over XEP-0060.
 */
class SlixmppPepTest {

    private static final String DOMAIN = "localhost";
    private static final String PASSWORD = "a-password-123";

    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_pep.py");

    @Test
    void aTuneReachesTheContactThatAskedForTunesAndNoMoodDoes() throws Exception {
        AccountStore accounts = slixmpp.server().getBean(AccountStore.class);
        String[] jids = new String[2];
        for (int i = 0; i < 2; i++) {
            String user = "pep" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            accounts.create(user, PASSWORD, AccountKind.PERSON, Set.of()).block();
            jids[i] = user + "@" + DOMAIN;
        }
        Slixmpp.Run run = slixmpp.run(90, "notify", slixmpp.c2sPort(), jids[0], jids[1], PASSWORD);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.outcome()).isEqualTo("OK tune event 1, items 1, unwanted mood events 0");
    }
}
