package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DialbackKeysTest {

    /**
     * XEP-0185's formula computed by another implementation (Python's hmac and hashlib):
     * {@code hmac.new(sha256(secret).hexdigest().encode(), b"example.org example.com D60000229F", sha256).hexdigest()}.
     */
    @Test
    void matchesTheFormulaComputedElsewhere() {
        DialbackKeys keys = new DialbackKeys("s3cr3tf0rd14lb4ck".getBytes(StandardCharsets.UTF_8));
        assertThat(keys.key("example.org", "example.com", "D60000229F"))
                .isEqualTo("28689a642f96dd0cdac4b72a0cd805bbbd6a9b46f44064a6c52e43239d19954d");
    }

    @Test
    void verifiesOnlyTheKeyForTheSameDomainsAndStream() {
        DialbackKeys keys = new DialbackKeys(new byte[] {1, 2, 3});
        String key = keys.key("receiving.test", "originating.test", "stream-1");
        assertThat(keys.verify("receiving.test", "originating.test", "stream-1", key)).isTrue();
        assertThat(keys.verify("receiving.test", "originating.test", "stream-1", " " + key + "\n")).isTrue();
        assertThat(keys.verify("receiving.test", "originating.test", "stream-2", key)).isFalse();
        assertThat(keys.verify("other.test", "originating.test", "stream-1", key)).isFalse();
        assertThat(keys.verify("receiving.test", "originating.test", null, key)).isFalse();
        assertThat(keys.verify("receiving.test", "originating.test", "stream-1", null)).isFalse();
        assertThat(new DialbackKeys(new byte[] {9}).verify("receiving.test", "originating.test", "stream-1", key)).isFalse();
    }
}
