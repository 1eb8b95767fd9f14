package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import java.util.List;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.auth.AuthOutcome.Accepted;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;

/** CreatePermission (RFC 8656 §10): all peers or none; each permission lasts 300 s. */
final class CreatePermissionMethod {

    private final AllocationManager allocations;
    private final PeerAddresses peers;

    CreatePermissionMethod(AllocationManager allocations, PeerAddresses peers) {
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
        if (addresses.isEmpty()) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        StunError refusal = peers.refusal(allocation, addresses);
        if (refusal != null) {
            return Responses.error(request, refusal, auth.integrity());
        }
        addresses.forEach(peer -> allocation.permit(peer.getAddress()));
        return Responses.finish(request, Responses.success(request), auth.integrity());
    }
}
