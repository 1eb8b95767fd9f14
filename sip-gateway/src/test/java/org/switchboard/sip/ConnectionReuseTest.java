package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;

/**
 * A phone registered over TCP is called over the connection it registered on (ADR 0045), as a phone behind
 * NAT needs: its Contact names a port nobody listens on, and the call still reaches it. Once that connection is
 * gone the gateway falls back to connecting to the Contact; another account cannot take over a Contact held over a
 * connection.
 */
@Timeout(60)
class ConnectionReuseTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTcpPhoneWhoseContactIsUnreachableIsCalledOverItsRegistrationConnection() throws Exception {
        Account bob = server.createAccount("tcpbob", "bob-password-1", AccountKind.PERSON);
        Account alice = server.createAccount("tcpalice", "alice-password-1", AccountKind.PERSON);
        String contact = "sip:" + bob.localpart() + "@127.0.0.1:" + SipTestServer.freeTcpPort() + ";transport=tcp";
        try (TcpPhone phone = new TcpPhone(server.gateway().tcpPort(), bob.localpart(), "bob-password-1");
             RawPhone caller = new RawPhone(server.gateway().udpPort(), alice.localpart(), "alice-password-1")) {
            assertThat(phone.register(SipTestServer.DOMAIN, contact, "tcp-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");

            String callId = "tcp-call-" + UUID.randomUUID();
            RawPhone.Call call = caller.call(bob.localpart(), callId);
            String invite = phone.await(m -> m.startsWith("INVITE ") && m.contains(callId), Duration.ofSeconds(10));
            assertThat(invite).as("the INVITE came over the registration connection").isNotNull().contains("SIP/2.0/TCP ");
            phone.answer(invite, 200, "OK", contact);
            String answered = caller.await(m -> m.startsWith("SIP/2.0 200") && m.contains(callId), Duration.ofSeconds(10));
            assertThat(answered).as("the caller got the phone's 200").isNotNull();
            caller.ackAnswer(call, answered);
            assertThat(phone.await(m -> m.startsWith("ACK ") && m.contains(callId), Duration.ofSeconds(10)))
                    .as("the ACK inside the dialog came over the same connection").isNotNull();
        }
    }

    @Test
    void whenTheRegistrationConnectionIsGoneTheCallGoesToTheContact() throws Exception {
        Account carol = server.createAccount("tcpcarol", "carol-password-1", AccountKind.PERSON);
        Account dave = server.createAccount("tcpdave", "dave-password-1", AccountKind.PERSON);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             RawPhone caller = new RawPhone(server.gateway().udpPort(), dave.localpart(), "dave-password-1")) {
            String contact = "sip:" + carol.localpart() + "@127.0.0.1:" + listener.getLocalPort() + ";transport=tcp";
            try (TcpPhone phone = new TcpPhone(server.gateway().tcpPort(), carol.localpart(), "carol-password-1")) {
                assertThat(phone.register(SipTestServer.DOMAIN, contact, "tcp-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            }
            String callId = "tcp-call-" + UUID.randomUUID();
            caller.call(carol.localpart(), callId);
            listener.setSoTimeout(10_000);
            // that the gateway connects to the Contact is the fallback; the INVITE itself does not arrive on
            // such a connection yet (a JAIN-SIP NIO issue, the same without this change: see ADR 0045)
            try (Socket opened = listener.accept()) {
                assertThat(opened.getInetAddress().isLoopbackAddress()).as("the gateway connected to the Contact").isTrue();
            }
        }
    }

    @Test
    void anotherAccountCannotRegisterAContactHeldOverAConnection() throws Exception {
        Account erin = server.createAccount("tcperin", "erin-password-1", AccountKind.PERSON);
        Account mallory = server.createAccount("tcpmallory", "mallory-password-1", AccountKind.PERSON);
        String contact = "sip:" + erin.localpart() + "@192.0.2.10:5060;transport=tcp";
        try (TcpPhone victim = new TcpPhone(server.gateway().tcpPort(), erin.localpart(), "erin-password-1");
             TcpPhone thief = new TcpPhone(server.gateway().tcpPort(), mallory.localpart(), "mallory-password-1");
             RawPhone udpThief = new RawPhone(server.gateway().udpPort(), mallory.localpart(), "mallory-password-1")) {
            assertThat(victim.register(SipTestServer.DOMAIN, contact, "tcp-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 200");
            assertThat(thief.register(SipTestServer.DOMAIN, contact, "tcp-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 403");
            assertThat(udpThief.register(contact, "", "udp-reg-" + UUID.randomUUID())).startsWith("SIP/2.0 403");
            assertThat(victim.register(SipTestServer.DOMAIN, contact, "tcp-reg-" + UUID.randomUUID()))
                    .as("the owner refreshes it").startsWith("SIP/2.0 200");
        }
    }
}
