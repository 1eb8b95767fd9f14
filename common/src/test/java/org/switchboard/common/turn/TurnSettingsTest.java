package org.switchboard.common.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;

class TurnSettingsTest {

    private static final CoreSettings CORE = CoreSettings.defaults("example.org", Path.of("/tmp/sb"));

    @Test
    void defaultsFollowTheDocumentation() throws Exception {
        TurnSettings settings = TurnSettings.from(new Environment(Map.of("SWITCHBOARD_TURN_SECRET", "0123456789abcdef")), CORE);

        assertThat(settings.realm()).isEqualTo("example.org");
        assertThat(settings.port()).isEqualTo(3478);
        assertThat(settings.tlsPort()).isEqualTo(5349);
        assertThat(settings.listenAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(settings.relayPorts()).isEqualTo(new TurnSettings.PortRange(49152, 65535));
        assertThat(settings.allowLoopbackPeers()).isFalse();
        assertThat(settings.credentialTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.externalAddresses()).isEmpty();
    }

    @Test
    void generatesASecretWhenUnsetAndNeverPrintsIt() {
        TurnSettings settings = TurnSettings.from(new Environment(Map.of()), CORE);

        assertThat(settings.secret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(settings.toString()).doesNotContain(settings.secret());
    }

    @Test
    void readsEveryVariable() throws Exception {
        TurnSettings settings = TurnSettings.from(new Environment(Map.ofEntries(
                Map.entry("SWITCHBOARD_TURN_SECRET", "0123456789abcdef"),
                Map.entry("SWITCHBOARD_TURN_PORT", "13478"),
                Map.entry("SWITCHBOARD_TURN_TLS_PORT", "15349"),
                Map.entry("SWITCHBOARD_TURN_LISTEN_ADDRESS", "127.0.0.1"),
                Map.entry("SWITCHBOARD_TURN_EXTERNAL_ADDRESS", "203.0.113.5, 2001:db8::5"),
                Map.entry("SWITCHBOARD_TURN_RELAY_PORTS", "40000-40010"),
                Map.entry("SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS", "true"),
                Map.entry("SWITCHBOARD_TURN_MAX_ALLOCATIONS_PER_USER", "3"),
                Map.entry("SWITCHBOARD_TURN_MAX_ALLOCATIONS", "30"),
                Map.entry("SWITCHBOARD_TURN_BANDWIDTH_BYTES_PER_SECOND", "0"),
                Map.entry("SWITCHBOARD_TURN_CREDENTIAL_TTL_SECONDS", "600"))), CORE);

        assertThat(settings.port()).isEqualTo(13478);
        assertThat(settings.tlsPort()).isEqualTo(15349);
        assertThat(settings.listenAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(settings.externalAddresses()).containsExactly(
                InetAddress.getByName("203.0.113.5"), InetAddress.getByName("2001:db8::5"));
        assertThat(settings.relayPorts().size()).isEqualTo(11);
        assertThat(settings.allowLoopbackPeers()).isTrue();
        assertThat(settings.maxAllocationsPerUser()).isEqualTo(3);
        assertThat(settings.maxAllocations()).isEqualTo(30);
        assertThat(settings.bandwidthBytesPerSecond()).isZero();
        assertThat(settings.credentialTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void errorsNameTheVariable() {
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_RELAY_PORTS", "60000-50000")).hasMessageContaining("relay port range");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_RELAY_PORTS", "80")).hasMessageContaining("49152-65535");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_LISTEN_ADDRESS", "turn.example.org"))
                .hasMessageContaining("SWITCHBOARD_TURN_LISTEN_ADDRESS");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_EXTERNAL_ADDRESS", "0.0.0.0"))
                .hasMessageContaining("SWITCHBOARD_TURN_EXTERNAL_ADDRESS");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_EXTERNAL_ADDRESS", "203.0.113.5,203.0.113.6"))
                .hasMessageContaining("at most one IPv4");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_PORT", "5349")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_SECRET", "short")).hasMessageContaining("SWITCHBOARD_TURN_SECRET");
        assertThatThrownBy(() -> from("SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS", "maybe"))
                .hasMessageContaining("SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS");
    }

    private static TurnSettings from(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("SWITCHBOARD_TURN_SECRET", "0123456789abcdef"));
        env.put(name, value);
        return TurnSettings.from(new Environment(env), CORE);
    }
}
