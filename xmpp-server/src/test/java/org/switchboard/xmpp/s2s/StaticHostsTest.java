package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticHostsTest {

    @Test
    void parsesDomainsToHostsAndPortsIncludingIpv6() {
        assertThat(StaticHosts.parse("V", "Example.org=127.0.0.2:5269, other.test=[::1]:15269"))
                .isEqualTo(Map.of("example.org", new HostAndPort("127.0.0.2", 5269), "other.test", new HostAndPort("::1", 15269)));
        assertThat(StaticHosts.parse("V", null)).isEmpty();
        assertThat(StaticHosts.parse("V", " ")).isEmpty();
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> StaticHosts.parse("V", "example.org")).hasMessageContaining("V must be a list of domain=host:port");
        assertThatThrownBy(() -> StaticHosts.parse("V", "example.org=host")).hasMessageContaining("'host' is not host:port");
        assertThatThrownBy(() -> StaticHosts.parse("V", "example.org=host:port")).hasMessageContaining("'port' is not a port number");
        assertThatThrownBy(() -> StaticHosts.parse("V", "example.org=host:70000")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> StaticHosts.parse("V", "example.org=::1:5269")).hasMessageContaining("IPv6 address goes in brackets");
        assertThatThrownBy(() -> StaticHosts.parse("V", "a.test=h:1,a.test=h:2")).hasMessageContaining("lists a.test twice");
        assertThatThrownBy(() -> StaticHosts.parse("V", "a b@=h:1")).hasMessageContaining("is not a domain");
    }
}
