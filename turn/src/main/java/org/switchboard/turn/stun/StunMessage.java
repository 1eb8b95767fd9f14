package org.switchboard.turn.stun;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.UsernameAttribute;

/**
 * A received, well-formed STUN message: ice4j attributes in wire order plus what our own codecs decoded and
 * where the integrity attributes sit, so they can be checked against the exact bytes that arrived.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;

    private final byte[] raw;
    private final int method;
    private final StunClass messageClass;
    private final byte[] transactionId;
    private final List<Attribute> attributes;
    private final OwnAttributes own;

    /** What ice4j does not decode (correctly) and where integrity and fingerprint are. */
    record OwnAttributes(EvenPort evenPort, boolean hasRequestedFamily, AddressFamily requestedFamily,
                         boolean hasAdditionalFamily, AddressFamily additionalFamily, List<Integer> unknownRequired,
                         int integrityOffset, int integritySha256Offset, boolean hasFingerprint) {
    }

    StunMessage(byte[] raw, int method, StunClass messageClass, byte[] transactionId, List<Attribute> attributes,
                OwnAttributes own) {
        this.raw = raw;
        this.method = method;
        this.messageClass = messageClass;
        this.transactionId = transactionId;
        this.attributes = List.copyOf(attributes);
        this.own = own;
    }

    public byte[] raw() {
        return raw;
    }

    public int method() {
        return method;
    }

    public StunClass messageClass() {
        return messageClass;
    }

    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** The first attribute of {@code type}, or null. */
    public Attribute attribute(int type) {
        for (Attribute attribute : attributes) {
            if (attribute.getAttributeType() == type) {
                return attribute;
            }
        }
        return null;
    }

    public List<Attribute> attributes(int type) {
        return attributes.stream().filter(a -> a.getAttributeType() == type).toList();
    }

    public boolean has(int type) {
        return attribute(type) != null;
    }

    public String username() {
        return attribute(AttributeType.USERNAME) instanceof UsernameAttribute u ? utf8(u.getUsername()) : null;
    }

    public String realm() {
        return attribute(AttributeType.REALM) instanceof RealmAttribute r ? utf8(r.getRealm()) : null;
    }

    public String nonce() {
        return attribute(AttributeType.NONCE) instanceof NonceAttribute n ? utf8(n.getNonce()) : null;
    }

    /** LIFETIME in seconds, or -1 when absent. */
    public long lifetime() {
        return attribute(AttributeType.LIFETIME) instanceof LifetimeAttribute l ? l.getLifetime() & 0xFFFFFFFFL : -1;
    }

    public EvenPort evenPort() {
        return own.evenPort();
    }

    public boolean hasRequestedFamily() {
        return own.hasRequestedFamily();
    }

    /** Null when absent or when the family byte is neither IPv4 nor IPv6. */
    public AddressFamily requestedFamily() {
        return own.requestedFamily();
    }

    public boolean hasAdditionalFamily() {
        return own.hasAdditionalFamily();
    }

    public AddressFamily additionalFamily() {
        return own.additionalFamily();
    }

    /** Comprehension-required attribute types this server does not understand (answered with 420). */
    public List<Integer> unknownRequired() {
        return own.unknownRequired();
    }

    /** Offset of MESSAGE-INTEGRITY in {@link #raw()}, or -1. */
    public int integrityOffset() {
        return own.integrityOffset();
    }

    /** Offset of MESSAGE-INTEGRITY-SHA256 in {@link #raw()}, or -1. */
    public int integritySha256Offset() {
        return own.integritySha256Offset();
    }

    public boolean hasIntegrity() {
        return own.integrityOffset() >= 0 || own.integritySha256Offset() >= 0;
    }

    public boolean hasFingerprint() {
        return own.hasFingerprint();
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
