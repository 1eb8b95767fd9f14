package org.switchboard.host.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every socket the factory makes, connected by Smack afterwards or at once, has Nagle's algorithm off. */
class NoDelaySocketsTest {

    @Test
    void everySocketHasNagleOff() throws Exception {
        NoDelaySockets sockets = new NoDelaySockets();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
            int port = server.getLocalPort();
            Socket unconnected = sockets.createSocket();
            assertThat(unconnected.getTcpNoDelay()).as("before Smack connects it").isTrue();
            unconnected.close();
            for (Socket socket : List.of(sockets.createSocket(loopback, port), sockets.createSocket(loopback.getHostAddress(), port),
                    sockets.createSocket(loopback, port, loopback, 0), sockets.createSocket(loopback.getHostAddress(), port, loopback, 0))) {
                try (socket; Socket accepted = server.accept()) {
                    assertThat(socket.isConnected()).isTrue();
                    assertThat(socket.getTcpNoDelay()).isTrue();
                    assertThat(accepted.getPort()).isEqualTo(socket.getLocalPort());
                }
            }
        }
    }
}
