package org.switchboard.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeyTest {

    @Test
    void ipv4IsCountedByAddress() {
        assertThat(AddressKey.of("192.0.2.17")).isEqualTo("192.0.2.17");
    }

    @Test
    void ipv6IsCountedByItsSlash64WhateverTheSpelling() {
        assertThat(AddressKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(AddressKey.of("[2001:0db8:0001:0002::1]")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(AddressKey.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertThat(AddressKey.of("::ffff:192.0.2.5")).isEqualTo("192.0.2.5");
    }

    @Test
    void somethingThatIsNoAddressIsKeptAsItIsBoundedAndNeverLookedUp() {
        assertThat(AddressKey.of("localhost")).isEqualTo("localhost");
        assertThat(AddressKey.of("x".repeat(500))).hasSize(64);
        assertThat(AddressKey.of(null)).isEqualTo("unknown");
    }
}
