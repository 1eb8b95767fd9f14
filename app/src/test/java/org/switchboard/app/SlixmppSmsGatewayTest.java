package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;

/**
 * Issue 9, the SMS gateway, seen from outside: a second host written in Python from {@code docs/host-protocol.md}
 * alone pairs over REST, says hello, accepts the owner's text and reports it sent and delivered (the owner, a
 * slixmpp client, gets its XEP-0184 receipt) and reports an inbound text; and a standard client finds the
 * gateway with disco and turns a typed number into a JID with XEP-0100. The checks are in
 * {@code interop/slixmpp_sms_host.py}.
 */
class SlixmppSmsGatewayTest {

    private static final String DOMAIN = "gateway.test";

    /** The default SMS region stays US, which reads the typed number without a country code. */
    @RegisterExtension
    static final SlixmppServer slixmpp = new SlixmppServer(DOMAIN, "slixmpp_sms_host.py");

    @Test
    void aPythonHostPairsSendsWithReceiptAndReportsAnInboundText() throws Exception {
        person("carol", "carol-password-1");
        String api = LoopbackServer.apiUrl(slixmpp.server());
        assertThat(outcome("host", api, "carol", "carol-password-1"))
                .isEqualTo("OK paired, 1 send accepted, receipt after delivered, inbound text from +15557654321@sms." + DOMAIN);
    }

    @Test
    void aPythonHostTakesCommandsAndSendsReportsInBatches() throws Exception {
        person("erin", "erin-password-12");
        String api = LoopbackServer.apiUrl(slixmpp.server());
        assertThat(outcome("batches", api, "erin", "erin-password-12"))
                .isEqualTo("OK 3 texts in one commands IQ, 3 reports in one reports IQ, 3 receipts");
    }

    @Test
    void aStandardClientFindsTheGatewayAndTurnsATypedNumberIntoAJid() throws Exception {
        person("dave", "dave-password-12");
        assertThat(outcome("gateway", slixmpp.c2sPort(), "dave@" + DOMAIN, "dave-password-12"))
                .isEqualTo("OK gateway/sms with jabber:iq:gateway; (555) 123-4567 is +15551234567@sms." + DOMAIN);
    }

    private static void person(String name, String password) {
        slixmpp.server().getBean(AccountStore.class).create(name, password, AccountKind.PERSON, Set.of()).block();
    }

    private static String outcome(String... args) throws Exception {
        Slixmpp.Run run = slixmpp.run(120, args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.outcome();
    }
}
