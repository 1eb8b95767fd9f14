package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Smack clients logging in to the real server over both TLS ports with every mechanism. */
class ClientLoginTest {

    @StartedServer private static RunningServer running;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"STARTTLS, SCRAM-SHA-256", "STARTTLS, SCRAM-SHA-1", "STARTTLS, PLAIN",
            "DIRECT_TLS, SCRAM-SHA-256", "DIRECT_TLS, SCRAM-SHA-1", "DIRECT_TLS, PLAIN"})
    void logsInBindsAndPingsTheServer(Transport transport, String mechanism) throws Exception {
        String user = running.newAccount("correct horse");

        XMPPTCPConnection connection = SmackClients.connect(running, transport, mechanism, user, "correct horse");
        try {
            assertThat(connection.isAuthenticated()).isTrue();
            assertThat(connection.getUser().asEntityBareJidString()).isEqualTo(user + "@" + RunningServer.DOMAIN);
            assertThat(connection.getUsedSaslMechansism()).isEqualTo(mechanism);
            if (transport == Transport.STARTTLS) {
                assertThat(connection.isSecureConnection()).isTrue();
            }
            assertThat(PingManager.getInstanceFor(connection).pingMyServer(true)).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void clientSeesRosterVersioningAndPreApprovalAfterLogin() throws Exception {
        String user = running.newAccount("correct horse");

        XMPPTCPConnection connection = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "correct horse");
        try {
            Roster roster = Roster.getInstanceFor(connection);
            assertThat(roster.isRosterVersioningSupported()).isTrue();
            assertThat(roster.isSubscriptionPreApprovalSupported()).isTrue();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        String user = running.newAccount("right password");

        assertThatThrownBy(() -> SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "wrong password"))
                .isInstanceOfSatisfying(SASLErrorException.class,
                        e -> assertThat(e.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized));
    }

    @Test
    void unknownUserIsNotAuthorizedLikeAWrongPassword() {
        assertThatThrownBy(() -> SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", "nobody-here", "whatever"))
                .isInstanceOfSatisfying(SASLErrorException.class,
                        e -> assertThat(e.getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized));
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String user = running.newAccount("the real one");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> SmackClients.connect(running, Transport.STARTTLS, "PLAIN", user, "guess"))
                    .isInstanceOf(SASLErrorException.class);
        }

        assertThatThrownBy(() -> SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "the real one"))
                .isInstanceOfSatisfying(SASLErrorException.class, e -> {
                    assertThat(e.getSASLFailure().getSASLError()).isEqualTo(SASLError.temporary_auth_failure);
                    assertThat(e.getSASLFailure().getDescriptiveText()).contains("temporarily locked");
                });
    }

    @Test
    void accountDisabledByAnAdministratorIsRefused() {
        String user = running.newAccount("pw for disabled");
        running.accounts.setStatus(user, org.switchboard.common.account.AccountStatus.LOCKED).block();

        assertThatThrownBy(() -> SmackClients.connect(running, Transport.DIRECT_TLS, "PLAIN", user, "pw for disabled"))
                .isInstanceOfSatisfying(SASLErrorException.class,
                        e -> assertThat(e.getSASLFailure().getSASLError()).isEqualTo(SASLError.account_disabled));
    }
}
