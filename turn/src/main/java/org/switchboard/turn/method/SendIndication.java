package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import java.util.List;
import org.ice4j.attribute.DataAttribute;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.StunMessage;

/**
 * Send indication (RFC 8656 §11.2): unauthenticated by design, so it is only relayed from the allocation's
 * own 5-tuple to a peer with a permission; everything else is silently dropped.
 */
final class SendIndication {

    private final AllocationManager allocations;

    SendIndication(AllocationManager allocations) {
        this.allocations = allocations;
    }

    void handle(Inbound inbound) {
        StunMessage indication = inbound.message();
        Allocation allocation = allocations.find(inbound.fiveTuple());
        List<InetSocketAddress> peers = PeerAddresses.decode(indication);
        if (allocation == null || peers.size() != 1 || !indication.unknownRequired().isEmpty()
                || !(indication.attribute(AttributeType.DATA) instanceof DataAttribute data)) {
            return;
        }
        allocation.sendToPeer(peers.get(0), data.getData());
    }
}
