package org.switchboard.xmpp.xep.bytestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.xmpp.XmppSettings;

class Proxy65SettingsTest {

    @Test
    void defaultsListenOnEveryAddressAtPort7777AndAdvertiseTheDomain() {
        Proxy65Settings settings = Proxy65Settings.from(new Environment(Map.of()));
        assertThat(settings).isEqualTo(Proxy65Settings.DEFAULTS);
        assertThat(settings.port()).isEqualTo(7777);
        assertThat(settings.advertisedHost("example.com")).isEqualTo("example.com");
        assertThat(settings.at("::", 7777, null).advertisedHost("example.com")).isEqualTo("example.com");
    }

    @Test
    void theAdvertisedHostIsTheSettingElseASpecificBindAddress() {
        Proxy65Settings settings = Proxy65Settings.from(new Environment(Map.of(
                "SWITCHBOARD_PROXY65_BIND", "192.0.2.7", "SWITCHBOARD_PROXY65_PORT", "17777",
                "SWITCHBOARD_PROXY65_MAX_STREAMS", "5", "SWITCHBOARD_PROXY65_BYTES_PER_SECOND", "0",
                "SWITCHBOARD_PROXY65_ACTIVATION_TIMEOUT_SECONDS", "10", "SWITCHBOARD_PROXY65_IDLE_TIMEOUT_SECONDS", "20")));
        assertThat(settings.advertisedHost("example.com")).isEqualTo("192.0.2.7");
        assertThat(settings.port()).isEqualTo(17777);
        assertThat(settings.maxStreams()).isEqualTo(5);
        assertThat(settings.bytesPerSecond()).isZero();
        assertThat(settings.activationTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.at("192.0.2.7", 1, "proxy.example.com").advertisedHost("example.com")).isEqualTo("proxy.example.com");
    }

    @Test
    void badValuesNameTheirSetting() {
        assertThatThrownBy(() -> Proxy65Settings.from(new Environment(Map.of("SWITCHBOARD_PROXY65_MAX_STREAMS", "0"))))
                .hasMessageContaining("SWITCHBOARD_PROXY65_MAX_STREAMS");
        assertThatThrownBy(() -> Proxy65Settings.from(new Environment(Map.of("SWITCHBOARD_PROXY65_PORT", "70000"))))
                .hasMessageContaining("SWITCHBOARD_PROXY65_PORT");
        assertThatThrownBy(() -> Proxy65Settings.from(new Environment(Map.of("SWITCHBOARD_PROXY65_BYTES_PER_SECOND", "-1"))))
                .hasMessageContaining("SWITCHBOARD_PROXY65_BYTES_PER_SECOND");
    }

    @Test
    void theProxyAndAnExternalComponentCannotBothClaimProxyDomain() {
        CoreSettings core = CoreSettings.defaults("example.com", Path.of("/tmp"));
        assertThatThrownBy(() -> XmppSettings.forTests(core, Map.of("proxy.example.com", "secret")))
                .hasMessageContaining("SWITCHBOARD_PROXY65=false");
        XmppSettings external = XmppSettings.forTests(core, Map.of())
                .with(s -> {
                    s.proxy65 = s.proxy65.withEnabled(false);
                    s.components = Map.of("proxy.example.com", "secret");
                });
        assertThat(external.components()).containsKey("proxy.example.com");
    }
}
