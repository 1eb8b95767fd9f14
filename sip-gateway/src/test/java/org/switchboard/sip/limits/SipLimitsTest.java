package org.switchboard.sip.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.common.config.Environment;

class SipLimitsTest {

    @Test
    void defaultsCountEverySourceAndCapCallsAndPushes() {
        SipLimits limits = SipLimits.from(new Environment(Map.of()));

        assertThat(limits.sourceRequests()).isEqualTo(100);
        assertThat(limits.sourceWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.sourceBan()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.callsPerAccount()).isEqualTo(4);
        assertThat(limits.pushesPerMinute()).isEqualTo(6);
        assertThat(limits.cdrRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(limits.maxPending()).isEqualTo(1000);
        assertThat(limits.maxQueueMillis()).isEqualTo(1000);
    }

    @Test
    void everyLimitIsSetFromTheEnvironmentAndZeroTurnsOneOff() {
        SipLimits limits = SipLimits.from(new Environment(Map.of("SWITCHBOARD_SIP_PIKE_REQUESTS", "0",
                "SWITCHBOARD_SIP_PIKE_WINDOW_SECONDS", "2", "SWITCHBOARD_SIP_PIKE_BAN_SECONDS", "60", "SWITCHBOARD_SIP_MAX_CALLS", "0",
                "SWITCHBOARD_SIP_PUSHES_PER_MINUTE", "3", "SWITCHBOARD_SIP_CDR_RETENTION_DAYS", "7", "SWITCHBOARD_SIP_MAX_PENDING", "0",
                "SWITCHBOARD_SIP_MAX_QUEUE_MS", "0")));

        assertThat(limits).isEqualTo(new SipLimits(0, Duration.ofSeconds(2), Duration.ofSeconds(60), 0, 3, Duration.ofDays(7), 0, 0));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> SipLimits.from(new Environment(Map.of("SWITCHBOARD_SIP_PIKE_REQUESTS", "-1"))))
                .hasMessageContaining("SWITCHBOARD_SIP_PIKE_REQUESTS");
        assertThatThrownBy(() -> SipLimits.from(new Environment(Map.of("SWITCHBOARD_SIP_PIKE_BAN_SECONDS", "0"))))
                .hasMessageContaining("SWITCHBOARD_SIP_PIKE_BAN_SECONDS");
        assertThatThrownBy(() -> SipLimits.from(new Environment(Map.of("SWITCHBOARD_SIP_CDR_RETENTION_DAYS", "forever"))))
                .hasMessageContaining("SWITCHBOARD_SIP_CDR_RETENTION_DAYS");
    }
}
