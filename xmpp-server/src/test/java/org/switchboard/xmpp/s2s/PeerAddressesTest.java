package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerAddressesTest {

    @Test
    void theStaticMapComesBeforeDns() {
        PeerAddresses addresses = new PeerAddresses(Map.of("mapped.test", new HostAndPort("127.0.0.9", 15269)));
        assertThat(addresses.lookup("mapped.test")).containsExactly(new PeerTarget("127.0.0.9", 15269, false));
    }

    @Test
    void aDomainWithoutSrvRecordsIsTriedOnTheDefaultPort() {
        // .invalid never resolves (RFC 6761), so no SRV record can exist
        assertThat(new PeerAddresses(Map.of()).lookup("nothing.invalid"))
                .isEqualTo(List.of(new PeerTarget("nothing.invalid", PeerAddresses.DEFAULT_PORT, false)));
    }

    @Test
    void srvRecordsAreParsedAndMalformedOnesDropped() {
        assertThat(PeerAddresses.parse("5 0 5269 xmpp.example.org.", false).target())
                .isEqualTo(new PeerTarget("xmpp.example.org", 5269, false));
        assertThat(PeerAddresses.parse("0 0 5270 xmpp.example.org.", true).target().directTls()).isTrue();
        assertThat(PeerAddresses.parse("5 0 5269", false)).isNull();
        assertThat(PeerAddresses.parse("x 0 5269 h.", false)).isNull();
        assertThat(PeerAddresses.parse("5 0 99999 h.", false)).isNull();
        assertThat(PeerAddresses.parse("-1 0 5269 h.", false)).isNull();
    }
}
