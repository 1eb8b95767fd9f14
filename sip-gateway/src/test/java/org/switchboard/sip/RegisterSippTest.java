package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStatus;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.location.Binding;

/** sipp registers with accounts made through the real account store (RFC 3261 section 10, digest MD5). */
class RegisterSippTest {

    private static SipTestServer server;

    @BeforeAll
    static void start() {
        // sipp answers only the first challenge and knows only MD5
        server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5, SipDigest.SHA_256)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static Sipp.Result register(String scenario, String user, String password, int localPort, String transport) throws Exception {
        int port = transport.equals("t1") ? server.gateway().tcpPort() : server.gateway().udpPort();
        return Sipp.run(scenario, localPort, SipTestServer.HOST + ":" + port, transport,
                List.of("-s", user, "-au", user, "-ap", password));
    }

    private static List<Binding> bindings(Account account) {
        return server.gateway().location().lookup(account.localpart(), SipTestServer.DOMAIN, Instant.now())
                .collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void registersWithMd5DigestOverUdp() throws Exception {
        Account alice = server.createAccount("alice", "correct horse", AccountKind.PERSON);
        int port = SipTestServer.freeUdpPort();

        Sipp.Result result = register("register.xml", alice.localpart(), "correct horse", port, "u1");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(bindings(alice)).singleElement().satisfies(binding -> {
            assertThat(binding.contactUri()).isEqualTo("sip:" + alice.localpart() + "@127.0.0.1:" + port + ";transport=UDP");
            assertThat(binding.sourcePort()).isEqualTo(port);
            assertThat(binding.userAgent()).isEqualTo("sipp");
        });
    }

    @Test
    void registersOverTcp() throws Exception {
        Account carol = server.createAccount("carol", "over tcp please", AccountKind.PERSON);

        Sipp.Result result = register("register.xml", carol.localpart(), "over tcp please", SipTestServer.freeTcpPort(), "t1");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(bindings(carol)).singleElement().extracting(Binding::transport).isEqualTo("tcp");
    }

    @Test
    void aWrongPasswordIsChallengedAgainThenLockedOutEvenWithTheRightOne() throws Exception {
        Account bob = server.createAccount("bob", "the real one", AccountKind.PERSON);
        int port = SipTestServer.freeUdpPort();

        Sipp.Result guesses = register("register-wrong-password.xml", bob.localpart(), "a guess", port, "u1");
        assertThat(guesses.succeeded()).as(guesses.output()).isTrue();

        Sipp.Result owner = register("register-forbidden.xml", bob.localpart(), "the real one", port, "u1");
        assertThat(owner.succeeded()).as("locked from this address: " + owner.output()).isTrue();
        assertThat(bindings(bob)).isEmpty();
        assertThat(server.guard.check(bob.localpart(), SipTestServer.HOST).block()).isNotNull();
    }

    @Test
    void hostAccountsMayNotRegister() throws Exception {
        Account host = server.createAccount("host", "sim host secret", AccountKind.HOST);

        Sipp.Result result = register("register-forbidden.xml", host.localpart(), "sim host secret", SipTestServer.freeUdpPort(), "u1");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(bindings(host)).isEmpty();
    }

    @Test
    void registrationsSurviveARestartAndGoWhenTheAccountIsLocked() throws Exception {
        Account dave = server.createAccount("dave", "kept across restarts", AccountKind.PERSON);
        Sipp.Result result = register("register.xml", dave.localpart(), "kept across restarts", SipTestServer.freeUdpPort(), "u1");
        assertThat(result.succeeded()).as(result.output()).isTrue();

        server.restart();
        assertThat(bindings(dave)).hasSize(1);

        server.accounts.setStatus(dave.localpart(), AccountStatus.LOCKED).block(Duration.ofSeconds(10));
        awaitNoBindings(dave);
    }

    @Test
    void aPasswordChangeDropsRegistrations() throws Exception {
        Account erin = server.createAccount("erin", "the old password", AccountKind.PERSON);
        Sipp.Result result = register("register.xml", erin.localpart(), "the old password", SipTestServer.freeUdpPort(), "u1");
        assertThat(result.succeeded()).as(result.output()).isTrue();

        server.accounts.changePassword(erin.localpart(), "the new password").block(Duration.ofSeconds(10));
        awaitNoBindings(erin);
    }

    /** The drop follows the committed change asynchronously; bounded wait, not a timing assertion. */
    private static void awaitNoBindings(Account account) throws InterruptedException {
        for (int i = 0; i < 100 && !bindings(account).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(bindings(account)).isEmpty();
    }
}
