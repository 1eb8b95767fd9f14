package org.switchboard.sip.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.sip.ListeningPoint;

/**
 * Port 0 for a listener: JAIN-SIP refuses to bind port 0 itself, so a port the system just handed out is
 * taken instead. Another process could take it in between; that is fine for the tests and ad-hoc runs this
 * is for, and production configures real ports.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int pick(String bindAddress, String transport) {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
                    return socket.getLocalPort();
                }
            }
            try (ServerSocket socket = new ServerSocket(0, 1, address)) {
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no free " + transport + " port on " + bindAddress, e);
        }
    }
}
