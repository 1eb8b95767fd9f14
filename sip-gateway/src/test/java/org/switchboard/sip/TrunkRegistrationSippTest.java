package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.password.SipDigest;
import org.switchboard.sip.trunk.TrunkLogin;
import org.switchboard.sip.trunk.TrunkRegistration;
import org.switchboard.sip.trunk.TrunkSettings;

/**
 * The gateway registers with the trunk (ADR 0046): sipp as the trunk's registrar first answers 503 with Retry-After
 * (the gateway tries again), then challenges (the credentials are checked by sipp), grants 2 seconds (the gateway
 * refreshes before they run out, answering a new challenge) and then an hour. sipp fails the run if anything
 * else arrives, or nothing within its timeouts.
 */
class TrunkRegistrationSippTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @BeforeEach
    void sipp() {
        Sipp.require();
    }

    private static double registrations(SipTestServer server, String outcome) {
        var counter = server.meters.find("switchboard.sip.trunk.registrations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theGatewayRegistersAnswersTheChallengeRetriesAfterA503AndRefreshes() throws Exception {
        int trunkPort = SipTestServer.freeUdpPort();
        Sipp registrar = Sipp.start("uas-registrar.xml", trunkPort, null, "u1", List.of());
        Thread.sleep(300);   // let sipp bind; a REGISTER that misses it is retransmitted
        SipTestServer server = new SipTestServer(SipTestServer.settings().withDigests(List.of(SipDigest.MD5)), new TrunkSettings(
                SipTestServer.HOST, trunkPort, "udp", null, new TrunkLogin("trunk-user", "the trunk's password", true, 3600)));
        try {
            Sipp.Result result = registrar.await();
            assertThat(result.succeeded()).as(result.output()).isTrue();
            assertThat(result.output()).contains("REGISTER sip:" + SipTestServer.HOST + ":" + trunkPort + ";transport=udp SIP/2.0")
                    .contains("From: <sip:trunk-user@" + SipTestServer.HOST + ">")
                    .contains("Contact: <sip:trunk-user@" + SipTestServer.HOST + ":" + server.gateway().udpPort() + ";transport=udp>")
                    .contains("Expires: 3600").contains("CSeq: 5 REGISTER")
                    .doesNotContain("the trunk's password");
            Instant deadline = Instant.now().plus(BOUND);
            // sipp exits once it sent the last 200: the gateway may still be reading it
            while (registrations(server, "registered") < 2) {
                assertThat(Instant.now()).as("both registrations seen within " + BOUND).isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(server.gateway().trunkRegistration().state()).isEqualTo(TrunkRegistration.State.REGISTERED);
            assertThat(server.meters.get("switchboard.sip.trunk.registered").gauge().value()).isEqualTo(1.0);
            assertThat(registrations(server, "failed")).isEqualTo(1.0);
            assertThat(registrations(server, "registered")).isEqualTo(2.0);
        } finally {
            server.close();
        }
    }
}
