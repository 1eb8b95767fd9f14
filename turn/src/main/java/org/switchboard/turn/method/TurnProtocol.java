package org.switchboard.turn.method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.turn.allocation.Allocation;
import org.switchboard.turn.allocation.AllocationManager;
import org.switchboard.turn.allocation.ClientLink;
import org.switchboard.turn.auth.AuthOutcome;
import org.switchboard.turn.auth.LongTermAuthenticator;
import org.switchboard.turn.metrics.TurnMetrics;
import org.switchboard.turn.policy.PeerPolicy;
import org.switchboard.turn.stun.ChannelData;
import org.switchboard.turn.stun.MalformedMessageException;
import org.switchboard.turn.stun.StunClass;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;
import org.switchboard.turn.stun.StunMessageReader;
import org.switchboard.turn.stun.StunMethod;

/**
 * Every packet from a client enters here, from any transport: ChannelData or STUN, then by class and method.
 * The checks all requests share (authentication, unknown attributes) happen here, once. Nothing thrown by a
 * packet escapes: malformed input is counted and dropped, and a bug in a handler drops that one packet.
 */
public final class TurnProtocol {

    private static final Logger log = LoggerFactory.getLogger(TurnProtocol.class);

    private final AllocationManager allocations;
    private final LongTermAuthenticator authenticator;
    private final TurnMetrics metrics;
    private final BindingMethod binding = new BindingMethod();
    private final AllocateMethod allocate;
    private final RefreshMethod refresh;
    private final CreatePermissionMethod createPermission;
    private final ChannelBindMethod channelBind;
    private final SendIndication send;

    public TurnProtocol(AllocationManager allocations, LongTermAuthenticator authenticator, PeerPolicy policy,
                        TurnMetrics metrics) {
        this.allocations = allocations;
        this.authenticator = authenticator;
        this.metrics = metrics;
        PeerAddresses peers = new PeerAddresses(policy, metrics);
        this.allocate = new AllocateMethod(allocations);
        this.refresh = new RefreshMethod(allocations);
        this.createPermission = new CreatePermissionMethod(allocations, peers);
        this.channelBind = new ChannelBindMethod(allocations, peers);
        this.send = new SendIndication(allocations);
    }

    public void onPacket(ClientLink link, byte[] packet) {
        try {
            if (packet.length > 0 && !StunMessageReader.looksLikeStun(packet[0] & 0xFF)) {
                onChannelData(link, ChannelData.read(packet));
                return;
            }
            StunMessage message = StunMessageReader.read(packet);
            Inbound inbound = new Inbound(link, message);
            if (message.messageClass() == StunClass.REQUEST) {
                byte[] response = answer(inbound);
                if (response != null) {
                    link.send(response);
                }
            } else if (message.messageClass() == StunClass.INDICATION && message.method() == StunMethod.SEND) {
                send.handle(inbound);
            }
        } catch (MalformedMessageException e) {
            metrics.malformedDropped();
            log.debug("dropped a packet from {}: {}", link.fiveTuple().client(), e.getMessage());
        } catch (RuntimeException e) {
            metrics.malformedDropped();
            log.warn("dropped a packet from {} that broke its handler", link.fiveTuple().client(), e);
        }
    }

    private void onChannelData(ClientLink link, ChannelData channelData) {
        Allocation allocation = allocations.find(link.fiveTuple());
        if (allocation != null) {
            allocation.sendOnChannel(channelData.channel(), channelData.data());
        }
    }

    private byte[] answer(Inbound inbound) {
        StunMessage request = inbound.message();
        if (request.method() == StunMethod.BINDING && !request.hasIntegrity()) {
            return request.unknownRequired().isEmpty() ? binding.handle(inbound, null)
                    : Responses.unknownAttributes(request, request.unknownRequired(), null);
        }
        if (!knownMethod(request.method())) {
            return Responses.error(request, StunError.BAD_REQUEST, null);
        }
        AuthOutcome outcome = authenticator.authenticate(request, inbound.client().getAddress());
        if (outcome instanceof AuthOutcome.Refused refused) {
            if (request.hasIntegrity()) {
                metrics.authFailed(); // the first, credential-less 401 of every client is no failure
            }
            return refused.challenge()
                    ? Responses.challenge(request, refused.error(), authenticator.realm(),
                            authenticator.freshNonce(inbound.client().getAddress()))
                    : Responses.error(request, refused.error(), null);
        }
        AuthOutcome.Accepted accepted = (AuthOutcome.Accepted) outcome;
        Integrity integrity = accepted.integrity();
        if (!request.unknownRequired().isEmpty()) {
            return Responses.unknownAttributes(request, request.unknownRequired(), integrity);
        }
        return switch (request.method()) {
            case StunMethod.BINDING -> binding.handle(inbound, integrity);
            case StunMethod.ALLOCATE -> allocate.handle(inbound, accepted);
            case StunMethod.REFRESH -> refresh.handle(inbound, accepted);
            case StunMethod.CREATE_PERMISSION -> createPermission.handle(inbound, accepted);
            case StunMethod.CHANNEL_BIND -> channelBind.handle(inbound, accepted);
            default -> Responses.error(request, StunError.BAD_REQUEST, integrity);
        };
    }

    private static boolean knownMethod(int method) {
        return method == StunMethod.BINDING || method == StunMethod.ALLOCATE || method == StunMethod.REFRESH
                || method == StunMethod.CREATE_PERMISSION || method == StunMethod.CHANNEL_BIND;
    }
}
