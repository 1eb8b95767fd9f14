package org.switchboard.turn.stun;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;

/**
 * Writes a STUN message: a header, attributes encoded by ice4j (or by our codecs for the attributes ice4j gets
 * wrong), then MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT computed over the bytes actually written.
 */
public final class StunMessageBuilder {

    /** The key and algorithm for the integrity attribute of an outgoing message. */
    public record Integrity(byte[] key, boolean sha256) {
    }

    private final int messageType;
    private final byte[] transactionId;
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream(128);

    public StunMessageBuilder(int method, StunClass messageClass, byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("a transaction id has 12 bytes");
        }
        this.messageType = messageClass.typeFor(method);
        this.transactionId = transactionId.clone();
    }

    /** A response of {@code messageClass} to {@code request}: same method, same transaction id. */
    public static StunMessageBuilder answering(StunMessage request, StunClass messageClass) {
        return new StunMessageBuilder(request.method(), messageClass, request.transactionId());
    }

    public StunMessageBuilder add(Attribute attribute) {
        byte[] encoded = attribute.encode();
        int valueLength = attribute.getDataLength();
        attributes.write(encoded, 0, Math.min(encoded.length, 4 + valueLength));
        pad(valueLength);
        return this;
    }

    /** An attribute whose value we encode ourselves. */
    public StunMessageBuilder add(int type, byte[] value) {
        attributes.write(type >> 8);
        attributes.write(type);
        attributes.write(value.length >> 8);
        attributes.write(value.length);
        attributes.writeBytes(value);
        pad(value.length);
        return this;
    }

    public StunMessageBuilder xorAddress(int type, InetSocketAddress address) {
        TransportAddress transportAddress = new TransportAddress(address, Transport.UDP);
        return add(switch (type) {
            case AttributeType.XOR_MAPPED_ADDRESS ->
                    AttributeFactory.createXorMappedAddressAttribute(transportAddress, transactionId);
            case AttributeType.XOR_RELAYED_ADDRESS ->
                    AttributeFactory.createXorRelayedAddressAttribute(transportAddress, transactionId);
            case AttributeType.XOR_PEER_ADDRESS ->
                    AttributeFactory.createXorPeerAddressAttribute(transportAddress, transactionId);
            default -> throw new IllegalArgumentException("not an XOR address attribute: " + type);
        });
    }

    public byte[] build() {
        return build(null, false);
    }

    public byte[] build(Integrity integrity, boolean fingerprint) {
        int integrityLength = integrity == null ? 0
                : 4 + (integrity.sha256() ? MessageIntegrity.SHA256_LENGTH : MessageIntegrity.SHA1_LENGTH);
        int body = attributes.size() + integrityLength + (fingerprint ? 8 : 0);
        byte[] message = new byte[StunMessage.HEADER_LENGTH + body];
        message[0] = (byte) (messageType >> 8);
        message[1] = (byte) messageType;
        message[2] = (byte) (body >> 8);
        message[3] = (byte) body;
        writeInt(message, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, message, 8, 12);
        int offset = StunMessage.HEADER_LENGTH;
        byte[] encodedAttributes = attributes.toByteArray();
        System.arraycopy(encodedAttributes, 0, message, offset, encodedAttributes.length);
        offset += encodedAttributes.length;
        if (integrity != null) {
            int type = integrity.sha256() ? AttributeType.MESSAGE_INTEGRITY_SHA256 : AttributeType.MESSAGE_INTEGRITY;
            int valueLength = integrityLength - 4;
            byte[] hmac = MessageIntegrity.compute(integrity.sha256(), integrity.key(), message, offset, valueLength);
            message[offset] = (byte) (type >> 8);
            message[offset + 1] = (byte) type;
            message[offset + 3] = (byte) valueLength;
            System.arraycopy(hmac, 0, message, offset + 4, valueLength);
            offset += integrityLength;
        }
        if (fingerprint) {
            message[offset] = (byte) (AttributeType.FINGERPRINT >> 8);
            message[offset + 1] = (byte) AttributeType.FINGERPRINT;
            message[offset + 3] = 4;
            writeInt(message, offset + 4, Fingerprint.compute(message, offset));
        }
        return message;
    }

    private void pad(int valueLength) {
        for (int i = valueLength; i % 4 != 0; i++) {
            attributes.write(0);
        }
    }

    private static void writeInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >> 24);
        bytes[offset + 1] = (byte) (value >> 16);
        bytes[offset + 2] = (byte) (value >> 8);
        bytes[offset + 3] = (byte) value;
    }
}
