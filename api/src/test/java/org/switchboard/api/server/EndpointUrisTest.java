package org.switchboard.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URIs server/info gives clients: SIP hops (RFC 3261), WebSocket URLs (RFC 7118), TURN URIs (RFC 7065). */
class EndpointUrisTest {

    @Test
    void sipTransportsAreHopUrisAndWebSocketsAreUrls() {
        assertThat(RunningServices.Endpoint.sip("udp", "sip.example.org", 5060).uri()).isEqualTo("sip:sip.example.org:5060;transport=udp");
        assertThat(RunningServices.Endpoint.sip("tls", "sip.example.org", 5061).uri()).isEqualTo("sip:sip.example.org:5061;transport=tls");
        assertThat(RunningServices.Endpoint.sip("wss", "sip.example.org", 5063).uri()).isEqualTo("wss://sip.example.org:5063");
        assertThat(RunningServices.Endpoint.sip("ws", "2001:db8::1", 5062).uri()).isEqualTo("ws://[2001:db8::1]:5062");
    }

    @Test
    void turnUrisFollowRfc7065() {
        assertThat(RunningServices.Endpoint.turn("udp", "example.org", 3478).uri()).isEqualTo("turn:example.org:3478?transport=udp");
        assertThat(RunningServices.Endpoint.turn("tcp", "example.org", 3478).uri()).isEqualTo("turn:example.org:3478?transport=tcp");
        assertThat(RunningServices.Endpoint.turn("tls", "example.org", 5349).uri()).isEqualTo("turns:example.org:5349?transport=tcp");
        assertThat(new RunningServices.Endpoint("api", "http", "example.org", 8080).uri()).isNull();
    }
}
