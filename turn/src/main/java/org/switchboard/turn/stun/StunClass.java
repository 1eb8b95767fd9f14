package org.switchboard.turn.stun;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST, INDICATION, SUCCESS, ERROR;

    static StunClass of(int messageType) {
        int bits = ((messageType >> 7) & 0x2) | ((messageType >> 4) & 0x1);
        return values()[bits];
    }

    /** The message type for {@code method} in this class: the class bits are spread between method bits. */
    public int typeFor(int method) {
        int bits = ordinal();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((bits & 0x1) << 4) | ((bits & 0x2) << 7);
    }

    static int methodOf(int messageType) {
        return (messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2);
    }
}
