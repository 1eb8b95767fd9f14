package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.password.SipDigest;

class SipSettingsTest {

    private static final CoreSettings CORE = CoreSettings.defaults("example.org", Path.of("/tmp"));

    @Test
    void defaultsAreTheStandardPortsAndSha256First() {
        SipSettings settings = SipSettings.from(new Environment(Map.of()), CORE);

        assertThat(settings.udpPort()).isEqualTo(5060);
        assertThat(settings.tcpPort()).isEqualTo(5060);
        assertThat(settings.tlsPort()).isEqualTo(5061);
        assertThat(settings.host()).isEqualTo("example.org");
        assertThat(settings.digests()).containsExactly(SipDigest.SHA_256, SipDigest.MD5);
        assertThat(settings.pushWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.pushRemember()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> SipSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "MD5,SHA-1")), CORE))
                .hasMessageContaining("SWITCHBOARD_SIP_DIGEST_ALGORITHMS").hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> SipSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_UDP_PORT", "70000")), CORE))
                .hasMessageContaining("SWITCHBOARD_SIP_UDP_PORT");
        assertThatThrownBy(() -> SipSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_UDP_PORT", "-1",
                "SWITCHBOARD_SIP_TCP_PORT", "-1", "SWITCHBOARD_SIP_TLS_PORT", "-1")), CORE))
                .hasMessageContaining("SWITCHBOARD_SIP");
        assertThatThrownBy(() -> SipSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_PUSH_WAIT_SECONDS", "0")), CORE))
                .hasMessageContaining("SWITCHBOARD_SIP_PUSH_WAIT_SECONDS");
        assertThat(SipSettings.from(new Environment(Map.of("SWITCHBOARD_SIP_DIGEST_ALGORITHMS", "md5")), CORE).digests())
                .isEqualTo(List.of(SipDigest.MD5));
    }

    /** Port 0 binds a free port, which the gateway reports: what the all-in-one tests use. */
    @Test
    void portZeroBindsAFreePort() throws IOException {
        try (SipTestServer server = new SipTestServer(SipSettings.forTest(SipTestServer.DOMAIN, SipTestServer.HOST, 0, 0, 0));
             RawSipClient client = new RawSipClient(server.gateway().udpPort())) {
            assertThat(server.gateway().udpPort()).isPositive();
            assertThat(server.gateway().tcpPort()).isPositive();
            assertThat(server.gateway().tlsPort()).isPositive();
            assertThat(client.options()).startsWith("SIP/2.0 200");
        }
    }
}
