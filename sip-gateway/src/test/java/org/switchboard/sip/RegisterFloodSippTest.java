package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.sip.limits.SipLimits;
import org.switchboard.sip.push.SipPush;

/**
 * Issue 14's acceptance point "a REGISTER flood that ends in a temporary ban" (ADR 0043): sipp floods the gateway
 * with REGISTERs from loopback, which is not exempt; the request over the limit is answered 503 (sipp stops on it),
 * the address is then ignored, and once the ban is over it is served again. The gateway runs on a clock the test
 * moves, so the ban's end is reached without waiting and nothing depends on how fast this machine is.
 */
class RegisterFloodSippTest {

    private static final int LIMIT = 20;
    private static final Duration BAN = Duration.ofSeconds(30);

    private static final MutableClock clock = MutableClock.startingNow();
    private static SipTestServer server;

    @BeforeAll
    static void start() {
        server = new SipTestServer(SipTestServer.settings().withLimits(SipLimits.OFF.withSource(LIMIT, Duration.ofSeconds(10), BAN)),
                SipPush.NONE, clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String register(RawSipClient client) {
        return "REGISTER sip:" + SipTestServer.DOMAIN + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.localPort() + ";branch=" + RawSipClient.branch() + ";rport\n"
                + "From: <sip:flooder@" + SipTestServer.DOMAIN + ">;tag=f\n"
                + "To: <sip:flooder@" + SipTestServer.DOMAIN + ">\n"
                + "Call-ID: " + RawSipClient.branch() + "\n"
                + "CSeq: 1 REGISTER\n"
                + "Contact: <sip:flooder@127.0.0.1:" + client.localPort() + ">\n"
                + "Max-Forwards: 70\nContent-Length: 0\n\n";
    }

    @Test
    void aRegisterFloodEndsInATemporaryBan() throws Exception {
        Sipp.require();
        Sipp.Result flood = Sipp.run("register-flood.xml", SipTestServer.freeUdpPort(),
                SipTestServer.HOST + ":" + server.gateway().udpPort(), "u1",
                List.of("-s", "flooder", "-m", "1000", "-r", "200", "-recv_timeout", "5000"));

        // sipp stops on the 503 (exit code 97: stopped by the scenario's command), long before its 1000 REGISTERs
        assertThat(flood.exitCode()).as(flood.output()).isEqualTo(97);
        assertThat(server.gateway().sources().banned("127.0.0.1")).isTrue();
        assertThat(server.meters.get("switchboard.sip.bans").counter().count()).isEqualTo(1.0);
        assertThat(server.meters.get("switchboard.sip.banned").gauge().value()).isEqualTo(1.0);

        try (RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            client.send(register(client));
            assertThat(client.receive()).as("a banned source is not answered").isNull();

            clock.advance(BAN);
            client.send(register(client));
            assertThat(client.receiveFinal()).as("served again once the ban is over").startsWith("SIP/2.0 401");
        }
        assertThat(server.gateway().sources().banned("127.0.0.1")).isFalse();
        assertThat(server.meters.get("switchboard.sip.bans").counter().count()).as("banned once").isEqualTo(1.0);
    }

    /** The same on the real clock with a short ban: polled until it is served again, within a bound. */
    @Test
    void aShortBanEndsByItself() throws Exception {
        Duration ban = Duration.ofSeconds(2);
        try (SipTestServer realTime = new SipTestServer(SipTestServer.settings()
                .withLimits(SipLimits.OFF.withSource(5, Duration.ofSeconds(60), ban)));
             RawSipClient client = new RawSipClient(realTime.gateway().udpPort())) {
            for (int i = 0; i < 5; i++) {
                client.send(register(client));
                assertThat(client.receiveFinal()).startsWith("SIP/2.0 401");
            }
            client.send(register(client));
            String refused = client.receiveFinal();
            assertThat(refused).startsWith("SIP/2.0 503 Too many requests from 127.0.0.1").contains("Retry-After: 2");

            Instant deadline = Instant.now().plusSeconds(30);
            String answer = null;
            while (answer == null) {
                assertThat(Instant.now()).as("served again within 30 s of a " + ban.toSeconds() + " s ban").isBefore(deadline);
                client.send(register(client));
                answer = client.receiveFinal();   // nothing (after the socket's timeout) while the ban lasts
            }
            assertThat(answer).startsWith("SIP/2.0 401");
            assertThat(realTime.gateway().sources().banned("127.0.0.1")).isFalse();
        }
    }
}
