package org.switchboard.turn.allocation;

/** The way back to one client: a UDP source address on the listener, or a TCP/TLS connection. */
public interface ClientLink {

    FiveTuple fiveTuple();

    /** Sends one complete frame (a STUN message or a ChannelData message, already padded if needed). */
    void send(byte[] frame);
}
