package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import java.util.List;
import org.ice4j.attribute.ChannelNumberAttribute;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.auth.AuthOutcome.Accepted;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.ChannelData;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;

/**
 * ChannelBind (RFC 8656 §12.2): a channel number to one peer for 600 s, plus its permission. Numbers up to
 * RFC 5766's 0x7FFF are accepted, see {@link ChannelData#MAX_CHANNEL}.
 */
final class ChannelBindMethod {

    private final AllocationManager allocations;
    private final PeerAddresses peers;

    ChannelBindMethod(AllocationManager allocations, PeerAddresses peers) {
        this.allocations = allocations;
        this.peers = peers;
    }

    byte[] handle(Inbound inbound, Accepted auth) {
        StunMessage request = inbound.message();
        Allocation allocation = allocations.find(inbound.fiveTuple());
        if (allocation == null) {
            return Responses.error(request, StunError.ALLOCATION_MISMATCH, auth.integrity());
        }
        List<InetSocketAddress> addresses = PeerAddresses.decode(request);
        if (!(request.attribute(AttributeType.CHANNEL_NUMBER) instanceof ChannelNumberAttribute channel)
                || addresses.size() != 1 || !ChannelData.validChannel(channel.getChannelNumber())) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        StunError refusal = peers.refusal(allocation, addresses);
        if (refusal != null) {
            return Responses.error(request, refusal, auth.integrity());
        }
        if (!allocation.bindChannel(channel.getChannelNumber(), addresses.get(0))) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        return Responses.finish(request, Responses.success(request), auth.integrity());
    }
}
