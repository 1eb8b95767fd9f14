package org.switchboard.turn.allocation;

import java.net.InetSocketAddress;

/** One relay socket of an allocation, bound inside the relay port range. */
public interface Relay {

    /** The address the socket is bound to (the port is what the client is told). */
    InetSocketAddress localAddress();

    void send(InetSocketAddress peer, byte[] data);

    /** Where datagrams from peers go; until set they are dropped. */
    void deliverTo(PeerDataListener listener);

    void close();

    interface PeerDataListener {
        void onPeerData(InetSocketAddress peer, byte[] data);
    }
}
