package org.switchboard.turn.allocation;

/** How a client reaches the server; stream transports pad ChannelData to 4 bytes (RFC 8656 §12.5). */
public enum ClientTransport {
    UDP, TCP, TLS;

    public boolean stream() {
        return this != UDP;
    }
}
