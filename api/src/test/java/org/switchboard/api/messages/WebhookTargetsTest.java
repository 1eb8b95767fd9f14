package org.switchboard.api.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;

/** The operator's settings of the webhook guard (the guard itself is tested over HTTP in WebhookTargetApiTest). */
class WebhookTargetsTest {

    @Test
    void anAllowedNetworkOpensThatNetworkOnly() {
        WebhookTargets targets = WebhookTargets.from(new Environment(Map.of("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS", " 10.1.0.0/16, fd00:1::/64 ")));
        assertThat(targets.allowHttp()).isFalse();
        targets.checkAddresses(URI.create("https://10.1.2.3/hook"));
        targets.checkAddresses(URI.create("https://[fd00:1::5]/hook"));
        assertThatThrownBy(() -> targets.checkAddresses(URI.create("https://10.2.0.1/hook"))).isInstanceOfSatisfying(WebhookTargets.Refused.class,
                e -> assertThat(e.getMessage()).contains("10.2.0.1", "private", "10.0.0.0/8", "SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS"));
        assertThatThrownBy(() -> targets.checkAddresses(URI.create("https://[fd00:2::5]/hook"))).isInstanceOf(WebhookTargets.Refused.class);
        assertThatThrownBy(() -> targets.parse("http://10.1.2.3/hook")).isInstanceOfSatisfying(WebhookTargets.Refused.class,
                e -> assertThat(e.reason()).isEqualTo("scheme"));
        assertThat(WebhookTargets.from(new Environment(Map.of("SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP", "true"))).parse("http://93.184.215.14/x"))
                .isEqualTo(URI.create("http://93.184.215.14/x"));
    }

    @Test
    void aMalformedSettingStopsStartUpNamingIt() {
        for (String bad : new String[] {"10.0.0.0/33", "intranet.example", "10.0.0.0/8;192.168.0.0/16"}) {
            assertThatThrownBy(() -> WebhookTargets.from(new Environment(Map.of("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS", bad))))
                    .as(bad).hasMessageStartingWith("SWITCHBOARD_API_WEBHOOK_ALLOWED_NETWORKS");
        }
        assertThatThrownBy(() -> WebhookTargets.from(new Environment(Map.of("SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP", "maybe"))))
                .hasMessageContaining("SWITCHBOARD_API_WEBHOOK_ALLOW_HTTP");
    }
}
