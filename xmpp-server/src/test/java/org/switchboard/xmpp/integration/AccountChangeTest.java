package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStatus;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/**
 * A change to an account reaches its live sessions at once, whoever makes it (here the account store, as
 * the REST API and the XEP-0133 commands use it): lock and deletion end them with not-authorized, a new
 * password with reset, and deleting a person ends the sessions of the hosts deleted with them. Roles are judged per
 * request, so a demoted admin loses the admin commands in the session they are in.
 */
class AccountChangeTest {

    @StartedServer private static RunningServer server;

    @Test
    void lockingEndsTheSessionsWithNotAuthorized() throws Exception {
        String name = server.newAccount("a-long-password");
        XMPPTCPConnection connection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", name, "a-long-password");
        CompletableFuture<StreamError.Condition> ended = endedWith(connection);

        server.accounts.setStatus(name, AccountStatus.LOCKED).block();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.not_authorized);
    }

    @Test
    void aNewPasswordEndsTheSessionsWithReset() throws Exception {
        String name = server.newAccount("a-long-password");
        XMPPTCPConnection connection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", name, "a-long-password");
        CompletableFuture<StreamError.Condition> ended = endedWith(connection);

        server.accounts.changePassword(name, "another-long-password").block();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.reset);
    }

    @Test
    void deletingAPersonEndsTheirSessionsAndThoseOfTheirHosts() throws Exception {
        String person = server.newAccount("a-long-password");
        String host = server.unusedName();
        server.accounts.create(host, "host-password-123", AccountKind.HOST, Set.of()).block();
        server.db.sql("UPDATE accounts SET owner_id = (SELECT id FROM accounts WHERE localpart = :person) WHERE localpart = :host")
                .bind("person", person).bind("host", host).then().block();
        XMPPTCPConnection personConnection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", person, "a-long-password");
        XMPPTCPConnection hostConnection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", host, "host-password-123");
        CompletableFuture<StreamError.Condition> personEnded = endedWith(personConnection);
        CompletableFuture<StreamError.Condition> hostEnded = endedWith(hostConnection);

        assertThat(server.accounts.delete(person).block()).isTrue();

        assertThat(personEnded.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.not_authorized);
        assertThat(hostEnded.get(10, TimeUnit.SECONDS)).isEqualTo(StreamError.Condition.not_authorized);
        assertThat(server.accounts.find(host).blockOptional()).isEmpty();
    }

    @Test
    void newRolesLeaveTheSessionAlone() throws Exception {
        String name = server.newAccount("a-long-password");
        XMPPTCPConnection connection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", name, "a-long-password");

        server.accounts.setRoles(name, Set.of("admin")).block();

        // a round trip after the change: the session is still there
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(connection).pingMyServer(true)).isTrue();
        connection.disconnect();
    }

    @Test
    void aDemotedAdminLosesTheAdminCommandsInTheLiveSession() throws Exception {
        String name = server.newAccount("a-long-password");
        server.accounts.setRoles(name, Set.of("admin")).block();
        XMPPTCPConnection connection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-1", name, "a-long-password");
        AdHocCommandManager commands = AdHocCommandManager.getInstance(connection);
        DomainBareJid domain = JidCreate.domainBareFrom(RunningServer.DOMAIN);
        String addUser = "http://jabber.org/protocol/admin#add-user";
        try {
            assertThat(nodes(commands.discoverCommands(domain))).contains(addUser);

            server.accounts.setRoles(name, Set.of()).block();

            // the same session, no reconnect: the next request is judged by the roles now
            assertThat(nodes(commands.discoverCommands(domain))).doesNotContain(addUser);
            assertThatThrownBy(() -> commands.getRemoteCommand(domain, addUser).execute())
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        } finally {
            connection.disconnect();
        }
    }

    private static List<String> nodes(DiscoverItems items) {
        return items.getItems().stream().map(DiscoverItems.Item::getNode).toList();
    }

    private static CompletableFuture<StreamError.Condition> endedWith(XMPPTCPConnection connection) {
        CompletableFuture<StreamError.Condition> ended = new CompletableFuture<>();
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                ended.complete(e instanceof StreamErrorException error ? error.getStreamError().getCondition() : null);
            }

            @Override
            public void connectionClosed() {
                ended.complete(null);
            }
        });
        return ended;
    }
}
