package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The XEP-0065 proxy on the wire: XMPP over raw sockets for disco, the streamhost query and the activation, and
 * SOCKS5 written byte by byte, including what a hostile or broken client sends.
 */
class Proxy65RawTest {

    private static final String PASSWORD = "proxy65 raw password";
    private static final String PROXY = "proxy." + RunningServer.DOMAIN;
    @StartedServer private static RunningServer running;
    private static int proxyPort;

    private record Session(RawXmppSocket xmpp, String jid) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            xmpp.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        try (Session alice = session("desk")) {
            proxyPort = Integer.parseInt(RawXmppSocket.attribute(streamHost(alice), "port"));
        }
    }

    private static Session session(String resource) throws IOException {
        String user = running.newAccount(PASSWORD);
        RawXmppSocket raw = RawClient.authenticated(running, user, PASSWORD);
        return new Session(raw, RawClient.bind(raw, resource));
    }

    private static String streamHost(Session session) throws IOException {
        session.xmpp.send("<iq type='get' id='sh1' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
        return session.xmpp.readUntil("</iq>");
    }

    private static String activate(Session initiator, String sid, String target) throws IOException {
        String id = "act" + System.nanoTime();
        initiator.xmpp.send("<iq type='set' id='" + id + "' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams' sid='"
                + sid + "'><activate>" + target + "</activate></query></iq>");
        return untilIq(initiator, id);
    }

    /** The answer with {@code id}, whether an empty result or an error with children. */
    private static String untilIq(Session session, String id) throws IOException {
        String head = session.xmpp.readUntil("id='" + id + "'") + session.xmpp.readUntil(">");
        return head.endsWith("/>") ? head : head + session.xmpp.readUntil("</iq>");
    }

    @Test
    void theServerListsTheProxyAndTheProxySaysWhatItIs() throws Exception {
        try (Session alice = session("desk")) {
            alice.xmpp.send("<iq type='get' id='items1' to='" + RunningServer.DOMAIN + "'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
            assertThat(alice.xmpp.readUntil("</iq>")).contains("<item jid='" + PROXY + "'/>");
            alice.xmpp.send("<iq type='get' id='info1' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(alice.xmpp.readUntil("</iq>"))
                    .contains("category='proxy'").contains("type='bytestreams'")
                    .contains("<feature var='http://jabber.org/protocol/bytestreams'/>");
        }
    }

    @Test
    void theStreamhostQueryNamesTheProxyJidAndItsLoopbackAddressAndPort() throws Exception {
        try (Session alice = session("desk")) {
            String answer = streamHost(alice);
            assertThat(answer).contains("type='result'").contains("jid='" + PROXY + "'").contains("host='127.0.0.1'");
            assertThat(proxyPort).isPositive();
        }
    }

    @Test
    void bytesTravelBothWaysOnceTheInitiatorActivatesAndTheCloseReachesThePeer() throws Exception {
        try (Session alice = session("desk"); Session bob = session("phone");
             Socks5Socket target = new Socks5Socket(proxyPort); Socks5Socket initiator = new Socks5Socket(proxyPort)) {
            String hash = Socks5Socket.hash("s1", alice.jid, bob.jid);
            assertThat(target.connect(hash)).isZero();
            assertThat(initiator.connect(hash)).isZero();
            assertThat(activate(alice, "s1", bob.jid)).contains("type='result'");

            byte[] file = new byte[3 * 1024 * 1024 + 17];
            new Random(65).nextBytes(file);
            Thread writer = new Thread(() -> {
                try {
                    initiator.out.write(file);
                    initiator.out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(Arrays.equals(target.read(file.length), file)).as("the file arrives unchanged").isTrue();
            writer.join();
            target.send("thanks".getBytes());
            assertThat(new String(initiator.read(6))).isEqualTo("thanks");
            initiator.close();
            assertThat(target.closedByProxy()).as("the initiator's close reaches the target").isTrue();
        }
    }

    @Test
    void anActivationWithOnlyOnePartyConnectedIsNotAllowed() throws Exception {
        try (Session alice = session("desk"); Session bob = session("phone"); Socks5Socket target = new Socks5Socket(proxyPort)) {
            assertThat(target.connect(Socks5Socket.hash("s2", alice.jid, bob.jid))).isZero();
            assertThat(activate(alice, "s2", bob.jid)).contains("type='error'").contains("<not-allowed");
        }
    }

    @Test
    void anActivationBySomeoneWhoIsNotTheInitiatorFindsNoStreamAndTheRealOneStillWorks() throws Exception {
        try (Session alice = session("desk"); Session bob = session("phone"); Session mallory = session("laptop");
             Socks5Socket target = new Socks5Socket(proxyPort); Socks5Socket initiator = new Socks5Socket(proxyPort)) {
            String hash = Socks5Socket.hash("s3", alice.jid, bob.jid);
            assertThat(target.connect(hash)).isZero();
            assertThat(initiator.connect(hash)).isZero();
            assertThat(activate(mallory, "s3", bob.jid)).contains("type='error'").contains("<item-not-found");
            assertThat(activate(bob, "s3", alice.jid)).as("the target cannot activate either").contains("<item-not-found");
            assertThat(activate(alice, "s3", bob.jid)).contains("type='result'");
            assertThat(activate(alice, "s3", bob.jid)).as("once only").contains("<not-allowed");
            initiator.send(1, 2, 3);
            assertThat(target.read(3)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void anUnknownSidOrAMalformedActivationIsRefused() throws Exception {
        try (Session alice = session("desk"); Session bob = session("phone")) {
            assertThat(activate(alice, "never-connected", bob.jid)).contains("<item-not-found");
            alice.xmpp.send("<iq type='set' id='act2' to='" + PROXY + "'><query xmlns='http://jabber.org/protocol/bytestreams' sid='x'/></iq>");
            assertThat(alice.xmpp.readUntil("</iq>")).contains("<bad-request");
            assertThat(activate(alice, "x", "@@not a jid")).contains("<bad-request");
        }
    }

    @Test
    void aGreetingThatIsNotSocks5IsClosedWithoutAnAnswer() throws Exception {
        try (Socks5Socket socks4 = new Socks5Socket(proxyPort); Socks5Socket http = new Socks5Socket(proxyPort)) {
            socks4.send(4, 1, 0, 80, 127, 0, 0, 1, 0);
            assertThat(socks4.closedByProxy()).isTrue();
            http.send("GET / HTTP/1.1\r\nHost: proxy\r\n\r\n".getBytes());
            assertThat(http.closedByProxy()).isTrue();
        }
    }

    @Test
    void aGreetingWithoutNoAuthenticationGetsNoAcceptableMethods() throws Exception {
        try (Socks5Socket password = new Socks5Socket(proxyPort); Socks5Socket none = new Socks5Socket(proxyPort)) {
            password.send(5, 2, 1, 2);
            assertThat(password.read(2)).containsExactly(5, 0xFF);
            assertThat(password.closedByProxy()).isTrue();
            none.send(5, 0);
            assertThat(none.read(2)).containsExactly(5, 0xFF);
            assertThat(none.closedByProxy()).isTrue();
        }
    }

    @Test
    void requestsOtherThanConnectToAStreamHashOnPortZeroGetTheirReplyCodes() throws Exception {
        String hash = Socks5Socket.hash("s4", "a@b/c", "d@e/f");
        assertThat(request(Socks5Socket.connectRequest((byte) 2, hash, 0))).as("BIND: command not supported").isEqualTo(7);
        assertThat(request(Socks5Socket.connectRequest((byte) 3, hash, 0))).as("UDP ASSOCIATE").isEqualTo(7);
        assertThat(request(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80})).as("IPv4: address type not supported").isEqualTo(8);
        assertThat(request(Socks5Socket.connectRequest((byte) 1, hash.substring(1), 0))).as("39 characters").isEqualTo(2);
        assertThat(request(Socks5Socket.connectRequest((byte) 1, "z" + hash.substring(1), 0))).as("not hex").isEqualTo(2);
        assertThat(request(Socks5Socket.connectRequest((byte) 1, hash, 7777))).as("port not 0").isEqualTo(2);
        assertThat(request(Socks5Socket.connectRequest((byte) 1, "x".repeat(255), 0))).as("the longest name").isEqualTo(2);
    }

    /** Greets, sends {@code request}, returns the reply code and checks the proxy closed the connection. */
    private static int request(byte[] request) throws IOException {
        try (Socks5Socket socks = new Socks5Socket(proxyPort)) {
            socks.send(5, 1, 0);
            assertThat(socks.read(2)).containsExactly(5, 0);
            socks.send(request);
            int code = socks.reply();
            assertThat(socks.closedByProxy()).as("closed after refusing").isTrue();
            return code;
        }
    }

    @Test
    void aMalformedRequestOrFloodIsClosedAndAThirdPartyForOneStreamIsRefused() throws Exception {
        try (Socks5Socket reserved = new Socks5Socket(proxyPort); Socks5Socket flood = new Socks5Socket(proxyPort)) {
            reserved.send(5, 1, 0);
            reserved.read(2);
            reserved.send(5, 1, 9, 3, 0, 0, 0);
            assertThat(reserved.closedByProxy()).as("a reserved byte that is not 0").isTrue();
            byte[] garbage = new byte[256 * 1024];
            new Random(7).nextBytes(garbage);
            // a valid greeting, then a CONNECT to a 255-character name, then a quarter of a megabyte more
            System.arraycopy(new byte[] {5, 1, 0, 5, 1, 0, 3, (byte) 255}, 0, garbage, 0, 8);
            try {
                flood.out.write(garbage);
            } catch (IOException closedWhileWriting) {
                // the proxy may close before all of it is written: that is the point
            }
            assertThat(flood.bytesUntilClosed()).as("at most the method choice and the refusal, nothing echoed")
                    .isLessThanOrEqualTo(2 + 7);
        }
        String hash = Socks5Socket.hash("s5", "a@b/c", "d@e/f");
        try (Socks5Socket first = new Socks5Socket(proxyPort); Socks5Socket second = new Socks5Socket(proxyPort);
             Socks5Socket third = new Socks5Socket(proxyPort)) {
            assertThat(first.connect(hash)).isZero();
            assertThat(second.connect(hash)).isZero();
            assertThat(third.connect(hash)).as("connection not allowed by ruleset").isEqualTo(2);
            assertThat(third.closedByProxy()).isTrue();
        }
    }
}
