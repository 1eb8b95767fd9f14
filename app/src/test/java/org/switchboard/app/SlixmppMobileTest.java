package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 8, multi-device and mobile XMPP, with slixmpp as the client: message carbons on two resources
 * (XEP-0280), the archive paged both ways and searched by a word (XEP-0313, XEP-0059, XEP-0431), client
 * state (XEP-0352) and a stream resumed after its TCP connection was cut (XEP-0198). The checks are in
 * {@code interop/slixmpp_mobile.py}; each test has its own two accounts.
 */
class SlixmppMobileTest {

    private static final String DOMAIN = "mobile.test";

    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_mobile.py");

    @Test
    void carbonsReachTheOtherResourceBothWays() throws Exception {
        assertThat(scenario("carbons")).isEqualTo("OK bare-jid delivery one=direct two=direct; sent carbon to two");
    }

    @Test
    void theArchivePagesForwardsAndBackwardsThrough250Messages() throws Exception {
        assertThat(scenario("mam")).isEqualTo("OK 250 messages, 5 pages forwards, 5 pages backwards");
    }

    @Test
    void fullTextSearchFindsExactlyTheMessagesWithTheWord() throws Exception {
        assertThat(scenario("fulltext")).isEqualTo("OK 3 of 9 messages found");
    }

    @Test
    void aStreamCutWithoutClosingResumesAndGetsWhatWasSentMeanwhileOnce() throws Exception {
        assertThat(scenario("sm")).isEqualTo("OK resumed, 5 messages sent while away each received once");
    }

    /** Runs one scenario between two fresh accounts and returns its outcome line (with the whole output on failure). */
    private static String scenario(String name) throws Exception {
        AccountStore accounts = slixmpp.server().getBean(AccountStore.class);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String a = name + "-a-" + suffix;
        String b = name + "-b-" + suffix;
        accounts.create(a, "a-password-123", AccountKind.PERSON, Set.of()).block();
        accounts.create(b, "b-password-123", AccountKind.PERSON, Set.of()).block();
        Slixmpp.Run run = slixmpp.run(120, name, slixmpp.c2sPort(),
                a + "@" + DOMAIN, "a-password-123", b + "@" + DOMAIN, "b-password-123");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.outcome();
    }
}
