package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;

class S2sSettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void offUnlessTurnedOn() throws Exception {
        assertThat(S2sSettings.from(new Environment(Map.of()), Files.createTempDirectory("s2s")).enabled()).isFalse();
    }

    @Test
    void readsEverySetting() throws Exception {
        Path trust = Files.createTempFile("trust", ".pem");
        S2sSettings settings = S2sSettings.from(new Environment(Map.of(
                "SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_PORT", "15269",
                "SWITCHBOARD_XMPP_S2S_TLS_PORT", "15270",
                "SWITCHBOARD_XMPP_S2S_HOSTS", "peer.test=127.0.0.2:5269",
                "SWITCHBOARD_XMPP_S2S_AUTH", "dialback",
                "SWITCHBOARD_XMPP_S2S_TRUST_PEM", trust.toString(),
                "SWITCHBOARD_XMPP_S2S_QUEUE", "5",
                "SWITCHBOARD_XMPP_S2S_CONNECT_TIMEOUT_SECONDS", "7",
                "SWITCHBOARD_SECRETS_KEY", KEY)), Files.createTempDirectory("s2s"));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.port()).isEqualTo(15269);
        assertThat(settings.directTlsPort()).isEqualTo(15270);
        assertThat(settings.hosts()).containsEntry("peer.test", new HostAndPort("127.0.0.2", 5269));
        assertThat(settings.allowDialback()).isTrue();
        assertThat(settings.trustPem()).isEqualTo(trust);
        assertThat(settings.queueLimit()).isEqualTo(5);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.dialbackSecret()).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(settings.toString()).doesNotContain(Base64.getEncoder().encodeToString(settings.dialbackSecret()));
    }

    @Test
    void thePeerInputRateHasADefaultAndZeroMeansNone() throws Exception {
        Path dir = Files.createTempDirectory("s2s");
        assertThat(S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true", "SWITCHBOARD_SECRETS_KEY", KEY)), dir)
                .inputRate()).isEqualTo(S2sSettings.DEFAULT_INPUT_RATE);
        assertThat(S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true", "SWITCHBOARD_XMPP_S2S_RATE_BYTES", "0",
                "SWITCHBOARD_SECRETS_KEY", KEY)), dir).inputRate().limited()).isFalse();
        S2sSettings custom = S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true", "SWITCHBOARD_XMPP_S2S_RATE_BYTES",
                "1000", "SWITCHBOARD_XMPP_S2S_BURST_BYTES", "5000", "SWITCHBOARD_SECRETS_KEY", KEY)), dir);
        assertThat(custom.inputRate().bytesPerSecond()).isEqualTo(1000);
        assertThat(custom.inputRate().burstBytes()).isEqualTo(5000);
    }

    @Test
    void limitsPerRemoteDomainHaveDefaultsAndBadValuesAreNamed() throws Exception {
        Path dir = Files.createTempDirectory("s2s");
        assertThat(S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true", "SWITCHBOARD_SECRETS_KEY", KEY)), dir)
                .peerLimits()).isEqualTo(PeerLimits.DEFAULT);
        S2sSettings custom = S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN", "3", "SWITCHBOARD_XMPP_S2S_STANZAS_PER_SECOND", "0",
                "SWITCHBOARD_XMPP_S2S_STANZA_BURST", "7", "SWITCHBOARD_XMPP_S2S_MAX_UNAUTHENTICATED_PER_ADDRESS", "4",
                "SWITCHBOARD_SECRETS_KEY", KEY)), dir);
        assertThat(custom.peerLimits()).isEqualTo(new PeerLimits(3, 0, 7, 4));
        assertThat(custom.peerLimits().rateLimited()).isFalse();
        assertThatThrownBy(() -> S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN", "0", "SWITCHBOARD_SECRETS_KEY", KEY)), dir))
                .hasMessageContaining("SWITCHBOARD_XMPP_S2S_MAX_CONNECTIONS_PER_DOMAIN");
        assertThatThrownBy(() -> S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_MAX_UNAUTHENTICATED_PER_ADDRESS", "0", "SWITCHBOARD_SECRETS_KEY", KEY)), dir))
                .hasMessageContaining("SWITCHBOARD_XMPP_S2S_MAX_UNAUTHENTICATED_PER_ADDRESS");
    }

    @Test
    void certificatesAreRequiredByDefaultAndBadValuesAreNamed() throws Exception {
        Path dir = Files.createTempDirectory("s2s");
        assertThat(S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true", "SWITCHBOARD_SECRETS_KEY", KEY)), dir)
                .allowDialback()).isFalse();
        assertThatThrownBy(() -> S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_AUTH", "anything", "SWITCHBOARD_SECRETS_KEY", KEY)), dir))
                .hasMessageContaining("SWITCHBOARD_XMPP_S2S_AUTH");
        assertThatThrownBy(() -> S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_TRUST_PEM", "/nonexistent.pem", "SWITCHBOARD_SECRETS_KEY", KEY)), dir))
                .hasMessageContaining("SWITCHBOARD_XMPP_S2S_TRUST_PEM=/nonexistent.pem");
        assertThatThrownBy(() -> S2sSettings.from(new Environment(Map.of("SWITCHBOARD_XMPP_S2S", "true",
                "SWITCHBOARD_XMPP_S2S_HOSTS", "nonsense", "SWITCHBOARD_SECRETS_KEY", KEY)), dir))
                .hasMessageContaining("SWITCHBOARD_XMPP_S2S_HOSTS");
    }
}
