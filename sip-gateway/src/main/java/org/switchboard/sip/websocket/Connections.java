package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket connections of one listener by the address and port they came from. A server cannot
 * open a WebSocket connection to a browser (RFC 7118 section 5), so a request for a phone leaves over the
 * connection the phone opened, or not at all.
 */
final class Connections {

    private final Map<String, MessageChannel> open = new ConcurrentHashMap<>();
    private final String transport;

    Connections(String transport) {
        this.transport = transport;
    }

    void opened(MessageChannel channel) {
        open.put(key(channel.getPeerAddress(), channel.getPeerPort()), channel);
    }

    void closed(MessageChannel channel) {
        open.remove(key(channel.getPeerAddress(), channel.getPeerPort()), channel);
    }

    MessageChannel to(InetAddress address, int port) throws IOException {
        MessageChannel channel = open.get(key(address.getHostAddress(), port));
        if (channel == null) {
            throw new IOException("no " + transport + " connection from " + address.getHostAddress() + ":" + port
                    + " (a WebSocket phone is reached only over the connection it opened)");
        }
        return channel;
    }

    private static String key(String address, int port) {
        return address + ":" + port;
    }
}
