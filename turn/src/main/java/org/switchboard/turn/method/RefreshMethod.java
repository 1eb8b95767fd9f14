package org.switchboard.turn.method;

import java.time.Duration;
import org.ice4j.attribute.AttributeFactory;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.Lifetimes;
import org.switchboard.turn.auth.AuthOutcome.Accepted;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;

/** Refresh (RFC 8656 §7.3): extends an allocation, or deletes it with LIFETIME 0. */
final class RefreshMethod {

    private final AllocationManager allocations;

    RefreshMethod(AllocationManager allocations) {
        this.allocations = allocations;
    }

    byte[] handle(Inbound inbound, Accepted auth) {
        StunMessage request = inbound.message();
        Allocation allocation = allocations.find(inbound.fiveTuple());
        if (allocation == null) {
            return Responses.error(request, StunError.ALLOCATION_MISMATCH, auth.integrity());
        }
        if (request.hasRequestedFamily()
                && (request.requestedFamily() == null || !allocation.hasFamily(request.requestedFamily()))) {
            return Responses.error(request, StunError.PEER_ADDRESS_FAMILY_MISMATCH, auth.integrity());
        }
        long granted;
        if (request.lifetime() == 0) {
            allocations.remove(allocation);
            granted = 0;
        } else {
            Duration lifetime = Lifetimes.grant(request.lifetime());
            allocation.refresh(lifetime);
            granted = lifetime.toSeconds();
        }
        return Responses.finish(request,
                Responses.success(request).add(AttributeFactory.createLifetimeAttribute((int) granted)),
                auth.integrity());
    }
}
