package org.switchboard.turn.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.ice4j.attribute.AttributeFactory;
import org.switchboard.turn.stun.StunClass;
import org.switchboard.turn.stun.StunMessageBuilder;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;

/**
 * Requests written attribute by attribute, for what ice4j's client side cannot express: RFC-correct EVEN-PORT
 * and address-family attributes, MESSAGE-INTEGRITY-SHA256, unknown attributes, broken messages.
 */
public final class HandBuilt {

    private HandBuilt() {
    }

    public static byte[] transactionId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }

    public static StunMessageBuilder request(int method) {
        return new StunMessageBuilder(method, StunClass.REQUEST, transactionId());
    }

    /** Adds USERNAME, REALM and NONCE of {@code client} and signs with its key. */
    public static byte[] signed(StunMessageBuilder builder, TurnTestClient client, boolean sha256) {
        builder.add(AttributeFactory.createUsernameAttribute(client.username()))
                .add(AttributeFactory.createRealmAttribute(client.realm().getBytes(StandardCharsets.UTF_8)))
                .add(AttributeFactory.createNonceAttribute(client.nonce().getBytes(StandardCharsets.US_ASCII)));
        return builder.build(new Integrity(client.key(), sha256), true);
    }
}
