package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;

/**
 * The proxy's limits with small settings: one stream at a time, three connections per address, a slow rate, and
 * one-second activation and idle timeouts. Each test ends with its connections closed, so the next starts with the
 * stream free. The timeouts are checked by the connection ending, never by how long it took.
 */
class Proxy65LimitsTest {

    private static final String PASSWORD = "proxy65 limits password";
    private static final String PROXY = "proxy." + RunningServer.DOMAIN;
    private static final int RATE = 64 * 1024;
    @StartedServer(settings = "tightProxy") private static RunningServer running;
    private static int proxyPort;

    static XmppSettings tightProxy(XmppSettings settings) {
        return settings.with(s -> s.proxy65 = s.proxy65.withLimits(1, 3, RATE)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @BeforeAll
    static void start() throws Exception {
        String user = running.newAccount(PASSWORD);
        try (RawXmppSocket raw = RawClient.authenticated(running, user, PASSWORD)) {
            RawClient.bind(raw, "desk");
            raw.send("<iq type='get' id='sh1' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
            proxyPort = Integer.parseInt(RawXmppSocket.attribute(raw.readUntil("</iq>"), "port"));
        }
    }

    /**
     * The first connection of a stream, once the one stream's place is free: the previous test's connections are
     * closed, but the proxy learns so on its own event loops, a moment later.
     */
    private static Socks5Socket firstOf(String hash) throws Exception {
        Socks5Socket[] connected = new Socks5Socket[1];
        Eventually.until("the stream's place to be free", Duration.ofSeconds(10), () -> {
            try {
                Socks5Socket socks = new Socks5Socket(proxyPort);
                if (socks.connect(hash) == 0) {
                    connected[0] = socks;
                    return true;
                }
                socks.close();
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return connected[0];
    }

    @Test
    void aSecondStreamWhileTheOnlyOneIsOpenGetsAGeneralFailure() throws Exception {
        try (Socks5Socket open = firstOf(Socks5Socket.hash("a", "x@y/z", "u@v/w")); Socks5Socket another = new Socks5Socket(proxyPort)) {
            assertThat(another.connect(Socks5Socket.hash("b", "x@y/z", "u@v/w"))).as("general SOCKS server failure").isEqualTo(1);
            assertThat(another.closedByProxy()).isTrue();
        }
    }

    @Test
    void aStreamNeverActivatedIsClosedAfterTheActivationTimeoutAndItsPlaceFreed() throws Exception {
        String hash = Socks5Socket.hash("c", "x@y/z", "u@v/w");
        try (Socks5Socket target = firstOf(hash); Socks5Socket initiator = new Socks5Socket(proxyPort)) {
            assertThat(initiator.connect(hash)).isZero();
            assertThat(target.closedByProxy()).isTrue();
            assertThat(initiator.closedByProxy()).isTrue();
        }
        try (Socks5Socket silent = new Socks5Socket(proxyPort)) {
            assertThat(silent.closedByProxy()).as("a connection that never greets goes the same way").isTrue();
        }
        try (Socks5Socket next = new Socks5Socket(proxyPort)) {
            assertThat(next.connect(Socks5Socket.hash("d", "x@y/z", "u@v/w"))).as("the stream's place is free again").isZero();
        }
    }

    @Test
    void oneAddressHoldsAtMostItsShareOfConnections() throws Exception {
        String address = "127.0.0.2";
        try (Socks5Socket one = Socks5Socket.from(address, proxyPort); Socks5Socket two = Socks5Socket.from(address, proxyPort);
             Socks5Socket three = Socks5Socket.from(address, proxyPort)) {
            // the proxy counts a connection once it has accepted it; a greeting answered proves the three are counted
            for (Socks5Socket socks : new Socks5Socket[] {one, two, three}) {
                socks.send(5, 1, 0);
                assertThat(socks.read(2)).containsExactly(5, 0);
            }
            try (Socks5Socket fourth = Socks5Socket.from(address, proxyPort)) {
                assertThat(fourth.bytesUntilClosed()).isZero();
            }
        }
    }

    @Test
    void aRateLimitedStreamDeliversEveryByteAndAnIdleOneIsClosed() throws Exception {
        String alice = running.newAccount(PASSWORD);
        String bob = running.newAccount(PASSWORD);
        try (RawXmppSocket aliceXmpp = RawClient.authenticated(running, alice, PASSWORD);
             RawXmppSocket bobXmpp = RawClient.authenticated(running, bob, PASSWORD);
             Socks5Socket initiator = new Socks5Socket(proxyPort)) {
            String aliceJid = RawClient.bind(aliceXmpp, "desk");
            String bobJid = RawClient.bind(bobXmpp, "phone");
            String hash = Socks5Socket.hash("e", aliceJid, bobJid);
            Socks5Socket target = firstOf(hash);
            assertThat(initiator.connect(hash)).isZero();
            aliceXmpp.send("<iq type='set' id='act1' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams' sid='e'>"
                    + "<activate>" + bobJid + "</activate></query></iq>");
            String answer = aliceXmpp.readUntil("id='act1'") + aliceXmpp.readUntil(">");
            assertThat(answer).contains("type='result'");

            // three times the burst, so the relay has to wait for tokens at least twice
            byte[] file = new byte[3 * RATE];
            new Random(3).nextBytes(file);
            initiator.send(file);
            assertThat(Arrays.equals(target.read(file.length), file)).isTrue();
            assertThat(target.closedByProxy()).as("closed after a quiet second").isTrue();
            assertThat(initiator.closedByProxy()).isTrue();
            target.close();
        }
    }

    @Test
    void anEntityOfAnotherDomainMayNotUseTheProxy() throws Exception {
        try (RawXmppSocket component = new RawXmppSocket(running.server.componentPort())) {
            component.send("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='"
                    + RunningServer.COMPONENT + "'>");
            component.readUntil("<stream:stream");
            String header = component.readUntil(">");
            String handshake = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(
                    (RawXmppSocket.attribute(header, "id") + RunningServer.COMPONENT_SECRET).getBytes(StandardCharsets.UTF_8)));
            component.send("<handshake>" + handshake + "</handshake>");
            component.readUntil("<handshake/>");
            component.send("<iq type='get' id='sh2' from='someone@" + RunningServer.COMPONENT + "' to='" + PROXY + "'>"
                    + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
            assertThat(component.readUntil("</iq>")).contains("type='error'").contains("<forbidden");
        }
    }
}
