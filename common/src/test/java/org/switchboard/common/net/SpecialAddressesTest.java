package org.switchboard.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SpecialAddressesTest {

    private static String reason(String literal) throws Exception {
        SpecialAddresses.Range range = SpecialAddresses.classify(InetAddress.getByName(literal));
        return range == null ? null : range.reason();
    }

    @Test
    void theRangesAWebhookMustNotReachAreNamed() throws Exception {
        assertThat(reason("127.0.0.1")).isEqualTo("loopback");
        assertThat(reason("127.255.255.254")).isEqualTo("loopback");
        assertThat(reason("::1")).isEqualTo("loopback");
        assertThat(reason("10.1.2.3")).startsWith("private");
        assertThat(reason("172.31.255.255")).startsWith("private");
        assertThat(reason("192.168.0.1")).startsWith("private");
        assertThat(reason("169.254.169.254")).startsWith("link-local");
        assertThat(reason("fe80::1")).isEqualTo("link-local");
        assertThat(reason("fd12:3456::1")).isEqualTo("unique local (ULA)");
        assertThat(reason("fc00::1")).isEqualTo("unique local (ULA)");
        assertThat(reason("100.64.0.1")).startsWith("shared address space");
        assertThat(reason("100.127.255.255")).startsWith("shared address space");
        assertThat(reason("224.0.0.251")).isEqualTo("multicast");
        assertThat(reason("ff02::1")).isEqualTo("multicast");
        assertThat(reason("0.0.0.0")).startsWith("unspecified");
        assertThat(reason("::")).isEqualTo("unspecified");
        assertThat(reason("255.255.255.255")).startsWith("reserved");
    }

    @Test
    void ipv6FormsThatCarryAnIpv4AddressAreJudgedByIt() throws Exception {
        assertThat(reason("::ffff:127.0.0.1")).isEqualTo("loopback");      // Java hands back an Inet4Address
        assertThat(SpecialAddresses.classify(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1}).reason())
                .startsWith("private");
        assertThat(reason("::127.0.0.1")).isEqualTo("loopback");           // IPv4-compatible
        assertThat(reason("::8.8.8.8")).startsWith("IPv4-compatible");
        assertThat(reason("::2")).startsWith("unspecified");               // ::0.0.0.2
        assertThat(reason("64:ff9b::a9fe:a9fe")).startsWith("link-local"); // NAT64 of 169.254.169.254
        assertThat(reason("2002:7f00:1::1")).isEqualTo("loopback");        // 6to4 of 127.0.0.1
        assertThat(reason("64:ff9b::808:808")).isNull();                   // NAT64 of 8.8.8.8
    }

    @Test
    void publicAddressesAreNotSpecial() throws Exception {
        assertThat(reason("8.8.8.8")).isNull();
        assertThat(reason("100.63.255.255")).isNull();
        assertThat(reason("100.128.0.0")).isNull();
        assertThat(reason("172.32.0.1")).isNull();
        assertThat(reason("2a00:1450:4001:80b::200e")).isNull();
    }

    @Test
    void networksParseOnlyFromLiterals() {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertThat(loopback.contains(new byte[] {127, 1, 2, 3})).isTrue();
        assertThat(loopback.contains(new byte[] {(byte) 128, 0, 0, 1})).isFalse();
        assertThat(Cidr.parse("10.9.8.7/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("::1").prefix()).isEqualTo(128);
        assertThat(Cidr.parse("fd00::/8").contains(new byte[] {(byte) 0xfd, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(new byte[16])).isFalse();
        for (String bad : new String[] {"localhost", "example.com/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "0177.0.0.1",
                "2130706433", "10.1", "", "1.2.3.4/-1"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
