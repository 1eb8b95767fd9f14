package org.switchboard.turn.method;

import org.switchboard.turn.stun.AttributeType;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;

/** Binding (RFC 8489 §3): tells the client the address it was seen from. */
final class BindingMethod {

    byte[] handle(Inbound inbound, Integrity integrity) {
        return Responses.finish(inbound.message(),
                Responses.success(inbound.message()).xorAddress(AttributeType.XOR_MAPPED_ADDRESS, inbound.client()),
                integrity);
    }
}
