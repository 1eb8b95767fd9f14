package org.switchboard.turn.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerPolicyTest {

    private final PeerPolicy strict = new PeerPolicy(false);
    private final PeerPolicy loopbackAllowed = new PeerPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "172.31.255.255", "192.168.0.1",
        "169.254.169.254", "224.0.0.251", "239.1.1.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255",
        "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.8", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "::a00:1"})
    void refusesNonPublicRanges(String address) throws Exception {
        assertThat(strict.permits(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "192.0.2.10", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888",
        "2a00:1450::1", "64:ff9b::808:808"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(strict.permits(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void theTestFlagOpensLoopback(String address) throws Exception {
        assertThat(loopbackAllowed.permits(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "fe80::1", "224.0.0.1", "0.0.0.0"})
    void andOnlyLoopback(String address) throws Exception {
        assertThat(loopbackAllowed.permits(InetAddress.getByName(address))).isFalse();
    }
}
