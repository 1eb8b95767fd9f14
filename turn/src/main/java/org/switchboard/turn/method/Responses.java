package org.switchboard.turn.method;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UnknownAttributesAttribute;
import org.switchboard.turn.stun.StunClass;
import org.switchboard.turn.stun.StunError;
import org.switchboard.turn.stun.StunMessage;
import org.switchboard.turn.stun.StunMessageBuilder;
import org.switchboard.turn.stun.StunMessageBuilder.Integrity;

/**
 * How every response is finished: SOFTWARE first, the request's integrity algorithm when the request was
 * authenticated, FINGERPRINT when the request carried one (RFC 8489 §7.3.1, §14.7).
 */
public final class Responses {

    public static final String SOFTWARE = "Switchboard TURN";

    private Responses() {
    }

    public static StunMessageBuilder success(StunMessage request) {
        return StunMessageBuilder.answering(request, StunClass.SUCCESS)
                .add(AttributeFactory.createSoftwareAttribute(SOFTWARE.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] finish(StunMessage request, StunMessageBuilder builder, Integrity integrity) {
        return builder.build(integrity, request.hasFingerprint());
    }

    public static byte[] error(StunMessage request, StunError error, Integrity integrity) {
        return finish(request, errorBuilder(request, error), integrity);
    }

    /** 401 or 438 with REALM and a fresh NONCE, never signed: the client has no valid key yet. */
    public static byte[] challenge(StunMessage request, StunError error, String realm, String nonce) {
        StunMessageBuilder builder = errorBuilder(request, error)
                .add(AttributeFactory.createRealmAttribute(realm.getBytes(StandardCharsets.UTF_8)))
                .add(AttributeFactory.createNonceAttribute(nonce.getBytes(StandardCharsets.US_ASCII)));
        return finish(request, builder, null);
    }

    /** 420 listing the attributes that were not understood (RFC 8489 §14.9). */
    public static byte[] unknownAttributes(StunMessage request, List<Integer> unknown, Integrity integrity) {
        UnknownAttributesAttribute list = AttributeFactory.createUnknownAttributesAttribute();
        unknown.forEach(type -> list.addAttributeID((char) type.intValue()));
        return finish(request, errorBuilder(request, StunError.UNKNOWN_ATTRIBUTE).add(list), integrity);
    }

    /** ADDRESS-ERROR-CODE (RFC 8656 §18.13): like ERROR-CODE with the family in the first byte. */
    public static byte[] addressErrorValue(int familyCode, StunError error) {
        byte[] phrase = error.reason().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + phrase.length];
        value[0] = (byte) familyCode;
        value[2] = (byte) (error.code() / 100);
        value[3] = (byte) (error.code() % 100);
        System.arraycopy(phrase, 0, value, 4, phrase.length);
        return value;
    }


    private static StunMessageBuilder errorBuilder(StunMessage request, StunError error) {
        return StunMessageBuilder.answering(request, StunClass.ERROR)
                .add(AttributeFactory.createSoftwareAttribute(SOFTWARE.getBytes(StandardCharsets.UTF_8)))
                .add(AttributeFactory.createErrorCodeAttribute((char) error.code(), error.reason()));
    }
}
