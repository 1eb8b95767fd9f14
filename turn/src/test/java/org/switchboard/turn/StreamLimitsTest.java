package org.switchboard.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.common.turn.TurnSettings.StreamLimits;
import org.switchboard.turn.support.TestServers;
import org.switchboard.turn.support.TurnTestClient;
import org.switchboard.turn.support.Wire;

/**
 * TCP and TLS connections hold a socket each, so they are bounded: per address, in all, and in how long
 * one may stay without an allocation (issue 10). UDP is untouched.
 */
class StreamLimitsTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Socket> sockets = new ArrayList<>();
    private TurnServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(StreamLimits limits) throws Exception {
        server = TestServers.start(TestServers.settings(8).withStreamLimits(limits), clock, registry);
    }

    @Test
    void anAddressGetsAtMostItsShareAndOtherAddressesStillGetIn() throws Exception {
        start(new StreamLimits(3, 100, Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            assertThat(answersBinding(connectFrom("127.0.0.1"))).isTrue();
        }
        assertThat(isClosedByServer(connectFrom("127.0.0.1"))).isTrue();
        assertThat(answersBinding(connectFrom("127.0.0.2"))).as("another address during the flood").isTrue();
        assertThat(refused("per_address")).isEqualTo(1);
    }

    @Test
    void theTotalBoundsEveryAddressTogether() throws Exception {
        start(new StreamLimits(3, 5, Duration.ofMinutes(5)));
        for (String address : List.of("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2")) {
            assertThat(answersBinding(connectFrom(address))).isTrue();
        }
        assertThat(isClosedByServer(connectFrom("127.0.0.3"))).isTrue();
        assertThat(refused("total")).isEqualTo(1);
    }

    @Test
    void aPlaceIsFreedWhenItsConnectionCloses() throws Exception {
        start(new StreamLimits(1, 100, Duration.ofMinutes(5)));
        Socket first = connectFrom("127.0.0.1");
        assertThat(answersBinding(first)).isTrue();
        first.close();
        Socket next = null;
        // the server learns of the close asynchronously: a bounded retry, not a timing assertion
        for (int attempt = 0; attempt < 50 && next == null; attempt++) {
            Socket candidate = connectFrom("127.0.0.1");
            if (answersBinding(candidate)) {
                next = candidate;
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(next).isNotNull();
    }

    @Test
    void silentAndTricklingConnectionsWithoutAnAllocationAreCutAtTheDeadline() throws Exception {
        start(new StreamLimits(20, 100, Duration.ofMillis(500)));
        Socket silent = connectFrom("127.0.0.1");
        Socket trickling = connectFrom("127.0.0.1");
        byte[] binding = bindingRequest();
        boolean cut = false;
        // one byte of a STUN header every 100 ms never completes a request; the deadline ends it anyway
        for (int i = 0; i < binding.length && !cut; i++) {
            try {
                trickling.getOutputStream().write(binding[i]);
                Thread.sleep(100);
            } catch (SocketException closed) {
                cut = true;
            }
        }
        assertThat(cut || isClosedByServer(trickling)).isTrue();
        assertThat(isClosedByServer(silent)).isTrue();
        assertThat(refused("no_allocation")).isEqualTo(2);
    }

    @Test
    void aConnectionWithAnAllocationOutlivesTheDeadline() throws Exception {
        // the deadline must leave room for the connect, the 401 round trip and the allocation on a loaded machine
        start(new StreamLimits(20, 100, Duration.ofSeconds(3)));
        TurnTestClient client = new TurnTestClient(Wire.tcp(server.tcpPort())).as("alice", clock.instant());
        Message allocated = client.authenticated(() -> MessageFactory.createAllocateRequest((byte) 17, false));
        assertThat(allocated.getMessageType()).isEqualTo(Message.ALLOCATE_RESPONSE);

        Thread.sleep(4500);

        Message binding = client.send(MessageFactory.createBindingRequest());
        assertThat(binding.getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
        assertThat(refused("no_allocation")).isZero();
        client.close();
    }

    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tcpPort()));
        socket.setSoTimeout(Wire.RECEIVE_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends a Binding request and reads a whole STUN header back. */
    private static boolean answersBinding(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write(bindingRequest());
            byte[] header = socket.getInputStream().readNBytes(20);
            return header.length == 20;
        } catch (SocketException closed) {
            return false;
        }
    }

    /** The server closed the connection: end of stream or a reset, within the receive timeout. */
    private static boolean isClosedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private static byte[] bindingRequest() {
        org.ice4j.message.Request request = MessageFactory.createBindingRequest();
        try {
            request.setTransactionID(org.ice4j.stack.TransactionID.createNewTransactionID().getBytes());
        } catch (org.ice4j.StunException e) {
            throw new IllegalStateException(e);
        }
        return TurnTestClient.encode(request);
    }

    private double refused(String limit) {
        var counter = registry.find("switchboard.turn.stream.refused").tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }
}
