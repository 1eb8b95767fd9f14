package org.switchboard.turn.allocation;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens relay sockets; the transport layer implements it with Netty. */
public interface RelaySockets {

    /** Binds exactly {@code address}, failing with an IOException when the port is taken. */
    Relay open(InetSocketAddress address) throws IOException;
}
