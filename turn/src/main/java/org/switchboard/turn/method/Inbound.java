package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import org.switchboard.turn.allocation.ClientLink;
import org.switchboard.turn.allocation.FiveTuple;
import org.switchboard.turn.stun.StunMessage;

/** A received STUN message and the link it came on. */
public record Inbound(ClientLink link, StunMessage message) {

    public FiveTuple fiveTuple() {
        return link.fiveTuple();
    }

    public InetSocketAddress client() {
        return link.fiveTuple().client();
    }
}
