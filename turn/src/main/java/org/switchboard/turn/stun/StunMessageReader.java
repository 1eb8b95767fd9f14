package org.switchboard.turn.stun;

import java.util.ArrayList;
import java.util.List;
import org.ice4j.StunException;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeDecoder;

/**
 * Turns bytes into a {@link StunMessage} or a {@link MalformedMessageException}; never anything else.
 * Every length is checked here before ice4j's attribute decoders see the bytes, since those trust them.
 */
public final class StunMessageReader {

    /** Far above any path MTU; bounds what one message (or one TCP frame) may make us buffer. */
    public static final int MAX_MESSAGE_LENGTH = 16 * 1024;

    private static final int MAX_USERNAME = 513;
    private static final int MAX_TEXT = 763;

    private StunMessageReader() {
    }

    /** Whether the first byte starts a STUN message (top two bits zero) rather than ChannelData. */
    public static boolean looksLikeStun(int firstByte) {
        return (firstByte & 0xC0) == 0;
    }

    public static StunMessage read(byte[] message) throws MalformedMessageException {
        int length = message.length;
        if (length < StunMessage.HEADER_LENGTH || length > MAX_MESSAGE_LENGTH) {
            throw new MalformedMessageException("message of " + length + " bytes");
        }
        if (!looksLikeStun(message[0] & 0xFF)) {
            throw new MalformedMessageException("not a STUN message type");
        }
        int declared = u16(message, 2);
        if (declared % 4 != 0 || declared + StunMessage.HEADER_LENGTH != length) {
            throw new MalformedMessageException("length field " + declared + " in a message of " + length + " bytes");
        }
        if (u32(message, 4) != StunMessage.MAGIC_COOKIE) {
            throw new MalformedMessageException("no magic cookie (RFC 3489 clients are not served)");
        }
        int type = u16(message, 0);
        byte[] transactionId = new byte[12];
        System.arraycopy(message, 8, transactionId, 0, 12);
        return new AttributeWalk(message).run(StunClass.methodOf(type), StunClass.of(type), transactionId);
    }

    /** One pass over the attributes, remembering state that decides what later attributes may be. */
    private static final class AttributeWalk {
        private final byte[] message;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<Integer> unknownRequired = new ArrayList<>();
        private EvenPort evenPort;
        private boolean hasRequestedFamily;
        private AddressFamily requestedFamily;
        private boolean hasAdditionalFamily;
        private AddressFamily additionalFamily;
        private int integrityOffset = -1;
        private int integritySha256Offset = -1;
        private boolean fingerprint;

        AttributeWalk(byte[] message) {
            this.message = message;
        }

        StunMessage run(int method, StunClass messageClass, byte[] transactionId) throws MalformedMessageException {
            int offset = StunMessage.HEADER_LENGTH;
            while (offset < message.length) {
                if (fingerprint) {
                    throw new MalformedMessageException("attribute after FINGERPRINT");
                }
                if (offset + 4 > message.length) {
                    throw new MalformedMessageException("truncated attribute header");
                }
                int type = u16(message, offset);
                int length = u16(message, offset + 2);
                int padded = (length + 3) & ~3;
                if (offset + 4 + padded > message.length) {
                    throw new MalformedMessageException("attribute 0x" + Integer.toHexString(type) + " overruns the message");
                }
                accept(type, offset, length);
                offset += 4 + padded;
            }
            return new StunMessage(message, method, messageClass, transactionId, attributes,
                    new StunMessage.OwnAttributes(evenPort, hasRequestedFamily, requestedFamily, hasAdditionalFamily,
                            additionalFamily, List.copyOf(unknownRequired), integrityOffset, integritySha256Offset,
                            fingerprint));
        }

        private void accept(int type, int offset, int length) throws MalformedMessageException {
            if (type == AttributeType.FINGERPRINT) {
                require(length == 4, "FINGERPRINT length");
                if (!Fingerprint.verify(message, offset)) {
                    throw new MalformedMessageException("wrong FINGERPRINT");
                }
                fingerprint = true;
                return;
            }
            if (integritySha256Offset >= 0) {
                return; // RFC 8489 §14.6: only FINGERPRINT may follow MESSAGE-INTEGRITY-SHA256
            }
            if (type == AttributeType.MESSAGE_INTEGRITY_SHA256) {
                require(length >= 16 && length <= 32 && length % 4 == 0, "MESSAGE-INTEGRITY-SHA256 length");
                integritySha256Offset = offset;
                return;
            }
            if (integrityOffset >= 0) {
                return; // RFC 8489 §14.5: everything else after MESSAGE-INTEGRITY is ignored
            }
            int value = offset + 4;
            switch (type) {
                case AttributeType.MESSAGE_INTEGRITY -> {
                    require(length == MessageIntegrity.SHA1_LENGTH, "MESSAGE-INTEGRITY length");
                    integrityOffset = offset;
                }
                case AttributeType.EVEN_PORT -> evenPort = EvenPort.decode(message, value, length);
                case AttributeType.REQUESTED_ADDRESS_FAMILY -> {
                    hasRequestedFamily = true;
                    requestedFamily = AddressFamily.decode(message, value, length);
                }
                case AttributeType.ADDITIONAL_ADDRESS_FAMILY -> {
                    hasAdditionalFamily = true;
                    additionalFamily = AddressFamily.decode(message, value, length);
                }
                case AttributeType.XOR_PEER_ADDRESS -> {
                    int family = length >= 2 ? message[value + 1] : 0;
                    require((family == 1 && length == 8) || (family == 2 && length == 20), "XOR-PEER-ADDRESS");
                    decodeWithIce4j(offset);
                }
                case AttributeType.LIFETIME, AttributeType.CHANNEL_NUMBER, AttributeType.REQUESTED_TRANSPORT -> {
                    require(length == 4, "attribute 0x" + Integer.toHexString(type) + " length");
                    decodeWithIce4j(offset);
                }
                case AttributeType.DONT_FRAGMENT -> {
                    require(length == 0, "DONT-FRAGMENT length");
                    decodeWithIce4j(offset);
                }
                case AttributeType.RESERVATION_TOKEN -> {
                    require(length == 8, "RESERVATION-TOKEN length");
                    decodeWithIce4j(offset);
                }
                case AttributeType.USERNAME -> {
                    require(length > 0 && length <= MAX_USERNAME, "USERNAME length");
                    decodeWithIce4j(offset);
                }
                case AttributeType.REALM, AttributeType.NONCE, AttributeType.SOFTWARE -> {
                    require(length <= MAX_TEXT, "text attribute length");
                    decodeWithIce4j(offset);
                }
                case AttributeType.DATA -> decodeWithIce4j(offset);
                default -> {
                    if (AttributeType.comprehensionRequired(type) && !AttributeType.UNDERSTOOD.contains(type)) {
                        unknownRequired.add(type);
                    }
                }
            }
        }

        private void decodeWithIce4j(int offset) throws MalformedMessageException {
            try {
                Attribute attribute = AttributeDecoder.decode(message, offset, message.length - offset);
                attributes.add(attribute);
            } catch (StunException | RuntimeException e) {
                throw new MalformedMessageException("undecodable attribute at " + offset + ": " + e.getMessage());
            }
        }

        private static void require(boolean condition, String what) throws MalformedMessageException {
            if (!condition) {
                throw new MalformedMessageException("bad " + what);
            }
        }
    }

    static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int u32(byte[] bytes, int offset) {
        return (u16(bytes, offset) << 16) | u16(bytes, offset + 2);
    }
}
