package org.switchboard.turn.allocation;

import java.net.InetSocketAddress;

/** Client address, server address and transport: what identifies an allocation (RFC 8656 §2). */
public record FiveTuple(InetSocketAddress client, InetSocketAddress server, ClientTransport transport) {
}
