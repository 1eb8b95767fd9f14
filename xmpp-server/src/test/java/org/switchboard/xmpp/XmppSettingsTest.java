package org.switchboard.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.xmpp.sms.SmsSettings;
import org.switchboard.xmpp.transport.InputRate;

class XmppSettingsTest {

    private static XmppSettings from(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return XmppSettings.from(env, CoreSettings.from(env));
    }

    @Test
    void defaultsAreTheStandardPorts() {
        XmppSettings settings = from(Map.of("SWITCHBOARD_DOMAIN", "example.com", "SWITCHBOARD_DATA_DIR", "/tmp/sb"));

        assertThat(settings.listeners().c2sPort()).isEqualTo(5222);
        assertThat(settings.listeners().directTlsPort()).isEqualTo(5223);
        assertThat(settings.listeners().componentPort()).isEqualTo(5275);
        assertThat(settings.tls().starttlsRequired()).isTrue();
        assertThat(settings.clientLimits().xml().maxStanzaBytes()).isEqualTo(256 * 1024);
        assertThat(settings.clientLimits().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.tls().certificatePem()).isNull();
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/sb"));
        assertThat(settings.components()).isEmpty();
        assertThat(settings.registrationOpen()).isFalse();
        assertThat(settings.clientLimits().registrationsPerHour()).isEqualTo(10);
        assertThat(settings.clientLimits().maxUnauthenticatedPerAddress()).isEqualTo(20);
        assertThat(settings.clientLimits().maxUnauthenticated()).isEqualTo(5000);
        assertThat(settings.clientLimits().negotiationTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void registrationFollowsTheCoreSettingWithItsOwnHourlyLimit() {
        XmppSettings settings = from(Map.of("SWITCHBOARD_REGISTRATION", "open", "SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR", "3"));

        assertThat(settings.registrationOpen()).isTrue();
        assertThat(settings.clientLimits().registrationsPerHour()).isEqualTo(3);
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR", "0")))
                .hasMessageContaining("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR");
    }

    @Test
    void componentsListenOnLoopbackUnlessOpenedOnPurpose() {
        assertThat(from(Map.of()).listeners().componentBindAddress()).isEqualTo("127.0.0.1");
        assertThat(from(Map.of()).listeners().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(from(Map.of("SWITCHBOARD_XMPP_COMPONENT_BIND", "0.0.0.0")).listeners().componentBindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void sessionTimeoutsComeFromTheEnvironmentWithMobileFriendlyDefaults() {
        assertThat(from(Map.of()).sessionTimeouts()).isEqualTo(new SessionTimeouts(Duration.ofSeconds(300),
                Duration.ofSeconds(90), Duration.ofSeconds(30)));
        assertThat(from(Map.of()).smResumeTimeout()).isEqualTo(Duration.ofMinutes(5));
        XmppSettings set = from(Map.of("SWITCHBOARD_XMPP_SM_RESUME_SECONDS", "60", "SWITCHBOARD_XMPP_PING_IDLE_SECONDS", "20",
                "SWITCHBOARD_XMPP_PING_TIMEOUT_SECONDS", "5"));
        assertThat(set.sessionTimeouts()).isEqualTo(new SessionTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_PING_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("SWITCHBOARD_XMPP_PING_TIMEOUT_SECONDS");
    }

    @Test
    void withC2sPortChangesOnlyThePort() {
        XmppSettings tests = XmppSettings.forTests(CoreSettings.defaults("example.com", Path.of("/tmp/sb")), Map.of());

        XmppSettings changed = tests.withC2sPort(5222);

        assertThat(changed.listeners()).isEqualTo(new Listeners("127.0.0.1", 5222, 0, "127.0.0.1", 0));
        assertThat(changed.with(s -> s.listeners = tests.listeners())).isEqualTo(tests);
    }

    @Test
    void changesGoThroughTheRecordsValidation() {
        XmppSettings tests = XmppSettings.forTests(CoreSettings.defaults("example.com", Path.of("/tmp/sb")), Map.of());

        assertThatThrownBy(() -> tests.with(s -> s.components = Map.of("sms.example.com", "secret")))
                .hasMessageContaining("SWITCHBOARD_SMS_GATEWAY=false");
        assertThat(tests.withSms(tests.sms().withEnabled(false)).with(s -> s.components = Map.of("sms.example.com", "secret"))
                .components()).containsKey("sms.example.com");
    }

    @Test
    void theSmsGatewayRunsByDefaultAndRefusesAnExternalComponentOnItsDomain() {
        assertThat(from(Map.of()).sms()).isEqualTo(SmsSettings.DEFAULTS);
        assertThat(from(Map.of("SWITCHBOARD_SMS_EXPIRY_HOURS", "5", "SWITCHBOARD_SMS_HOST_OFFLINE_NOTICE_MINUTES", "7",
                "SWITCHBOARD_SMS_DEFAULT_REGION", "de")).sms())
                .isEqualTo(SmsSettings.DEFAULTS.withTimes(Duration.ofHours(5), Duration.ofMinutes(7), SmsSettings.DEFAULTS.sweepInterval(),
                        SmsSettings.DEFAULTS.commandTimeout()).withRegion("DE"));
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_DOMAIN", "example.com", "SWITCHBOARD_XMPP_COMPONENTS", "sms.example.com=secret1")))
                .hasMessageContaining("sms.example.com").hasMessageContaining("SWITCHBOARD_SMS_GATEWAY=false");
        assertThat(from(Map.of("SWITCHBOARD_DOMAIN", "example.com", "SWITCHBOARD_XMPP_COMPONENTS", "sms.example.com=secret1",
                "SWITCHBOARD_SMS_GATEWAY", "false")).components()).containsKey("sms.example.com");
    }

    @Test
    void clientsAreHeldToAnInputRateUnlessItIsTurnedOff() {
        assertThat(from(Map.of()).clientLimits().inputRate()).isEqualTo(new InputRate(32 * 1024, 256 * 1024));
        assertThat(from(Map.of("SWITCHBOARD_XMPP_CLIENT_RATE_BYTES", "1000", "SWITCHBOARD_XMPP_CLIENT_BURST_BYTES", "5000"))
                .clientLimits().inputRate()).isEqualTo(new InputRate(1000, 5000));
        assertThat(from(Map.of("SWITCHBOARD_XMPP_CLIENT_RATE_BYTES", "0")).clientLimits().inputRate().limited()).isFalse();
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_CLIENT_BURST_BYTES", "0")))
                .hasMessageContaining("SWITCHBOARD_XMPP_CLIENT_BURST_BYTES");
    }

    @Test
    void componentsComeFromOneVariable() {
        XmppSettings settings = from(Map.of("SWITCHBOARD_DOMAIN", "example.com",
                "SWITCHBOARD_XMPP_COMPONENTS", "irc.example.com=secret1,other=secret=2"));

        assertThat(settings.components()).containsExactlyInAnyOrderEntriesOf(
                Map.of("irc.example.com", "secret1", "other.example.com", "secret=2"));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_C2S_PORT", "70000")))
                .hasMessageContaining("SWITCHBOARD_XMPP_C2S_PORT");
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_MAX_STANZA_BYTES", "ten")))
                .hasMessageContaining("SWITCHBOARD_XMPP_MAX_STANZA_BYTES");
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_TLS_CERT", "/nonexistent/cert.pem")))
                .hasMessageContaining("SWITCHBOARD_TLS_CERT");
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_XMPP_COMPONENTS", "no-secret")))
                .hasMessageContaining("SWITCHBOARD_XMPP_COMPONENTS").hasMessageNotContaining("no-secret=");
        assertThatThrownBy(() -> from(Map.of("SWITCHBOARD_DOMAIN", "example.com", "SWITCHBOARD_XMPP_COMPONENTS", "example.com=x")))
                .hasMessageContaining("server's own domain");
    }
}
