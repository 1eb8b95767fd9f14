package org.switchboard.turn.method;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.RequestedTransportAttribute;
import org.ice4j.attribute.ReservationTokenAttribute;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationException;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.AllocationRequest;
import org.switchboard.turn.allocation.Lifetimes;
import org.switchboard.turn.auth.AuthOutcome.Accepted;
import org.switchboard.turn.stun.AddressFamily;
import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.EvenPort;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;
import org.switchboard.turn.stun.StunMessageBuilder;

/** Allocate (RFC 8656 §7.2, with RFC 6156's address families), checks in the RFC's order. */
final class AllocateMethod {

    private static final int UDP = 17;

    private final AllocationManager allocations;

    AllocateMethod(AllocationManager allocations) {
        this.allocations = allocations;
    }

    byte[] handle(Inbound inbound, Accepted auth) {
        StunMessage request = inbound.message();
        Allocation existing = allocations.find(inbound.fiveTuple());
        if (existing != null) {
            // A retransmitted Allocate gets the original answer; anything else on a used 5-tuple is 437.
            byte[] earlier = existing.allocateResponse();
            return existing.createdBy(request.transactionId()) && earlier != null ? earlier
                    : Responses.error(request, StunError.ALLOCATION_MISMATCH, auth.integrity());
        }
        if (!(request.attribute(AttributeType.REQUESTED_TRANSPORT) instanceof RequestedTransportAttribute transport)) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        if (transport.getRequestedTransport() != UDP) {
            return Responses.error(request, StunError.UNSUPPORTED_TRANSPORT_PROTOCOL, auth.integrity());
        }
        byte[] token = request.attribute(AttributeType.RESERVATION_TOKEN) instanceof ReservationTokenAttribute t
                ? t.getReservationToken() : null;
        EvenPort evenPort = request.evenPort();
        boolean conflicting = (token != null && (evenPort != null || request.hasRequestedFamily()
                || request.hasAdditionalFamily()))
                || (request.hasAdditionalFamily() && (evenPort != null || request.hasRequestedFamily()));
        if (conflicting) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        if (request.hasAdditionalFamily() && request.additionalFamily() != AddressFamily.IPV6) {
            return Responses.error(request, StunError.BAD_REQUEST, auth.integrity());
        }
        AddressFamily primary = request.hasRequestedFamily() ? request.requestedFamily() : AddressFamily.IPV4;
        if (primary == null || !allocations.plan().supports(primary)) {
            return Responses.error(request, StunError.ADDRESS_FAMILY_NOT_SUPPORTED, auth.integrity());
        }
        List<AddressFamily> families = new ArrayList<>(List.of(primary));
        boolean additionalRefused = false;
        if (request.hasAdditionalFamily()) {
            if (allocations.plan().supports(AddressFamily.IPV6)) {
                families.add(AddressFamily.IPV6);
            } else {
                additionalRefused = true;
            }
        }
        AllocationRequest wanted = new AllocationRequest(inbound.fiveTuple(), inbound.link(), auth.username(),
                auth.user(), request.transactionId(), families, evenPort != null,
                evenPort != null && evenPort.reserveNext(), token, Lifetimes.grant(request.lifetime()));
        AllocationManager.Created created;
        try {
            created = allocations.create(wanted);
        } catch (AllocationException e) {
            return Responses.error(request, e.error(), auth.integrity());
        }
        byte[] response = success(inbound, created, wanted.lifetime().toSeconds(), additionalRefused, auth);
        created.allocation().rememberAllocateResponse(response);
        return response;
    }

    private static byte[] success(Inbound inbound, AllocationManager.Created created, long lifetime,
                                  boolean additionalRefused, Accepted auth) {
        StunMessage request = inbound.message();
        Allocation allocation = created.allocation();
        StunMessageBuilder builder = Responses.success(request);
        for (Map.Entry<AddressFamily, InetSocketAddress> relayed : allocation.relayedAddresses().entrySet()) {
            builder.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, relayed.getValue());
        }
        if (additionalRefused) {
            builder.add(AttributeType.ADDRESS_ERROR_CODE,
                    Responses.addressErrorValue(AddressFamily.IPV6.code(), StunError.ADDRESS_FAMILY_NOT_SUPPORTED));
        }
        builder.add(AttributeFactory.createLifetimeAttribute((int) lifetime));
        if (created.reservationToken() != null) {
            builder.add(AttributeFactory.createReservationTokenAttribute(created.reservationToken()));
        }
        builder.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, inbound.client());
        return Responses.finish(request, builder, auth.integrity());
    }
}
