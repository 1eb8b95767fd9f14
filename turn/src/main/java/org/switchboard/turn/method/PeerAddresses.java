package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import java.util.List;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.policy.PeerPolicy;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;

/** XOR-PEER-ADDRESS handling shared by CreatePermission and ChannelBind: decode, then family and policy. */
final class PeerAddresses {

    private final PeerPolicy policy;
    private final TurnMetrics metrics;

    PeerAddresses(PeerPolicy policy, TurnMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    static List<InetSocketAddress> decode(StunMessage request) {
        byte[] transactionId = request.transactionId();
        return request.attributes(AttributeType.XOR_PEER_ADDRESS).stream()
                .map(attribute -> (InetSocketAddress) ((XorPeerAddressAttribute) attribute).getAddress(transactionId))
                .toList();
    }

    /** The error for the first peer that may not be used from {@code allocation}, or null when all may. */
    StunError refusal(Allocation allocation, List<InetSocketAddress> peers) {
        for (InetSocketAddress peer : peers) {
            if (!allocation.hasFamily(AddressFamily.of(peer.getAddress()))) {
                return StunError.PEER_ADDRESS_FAMILY_MISMATCH;
            }
            if (!policy.permits(peer.getAddress())) {
                metrics.peerRefused();
                return StunError.FORBIDDEN;
            }
        }
        return null;
    }
}
