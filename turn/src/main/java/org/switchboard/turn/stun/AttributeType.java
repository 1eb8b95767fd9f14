package org.switchboard.turn.stun;

import java.util.Set;

/** Attribute type numbers (RFC 8489 §18.3, RFC 8656 §18, RFC 6156) and which of them this server understands. */
public final class AttributeType {

    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int RESERVATION_TOKEN = 0x0022;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000;
    public static final int ADDRESS_ERROR_CODE = 0x8001;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;

    /**
     * Comprehension-required types (below 0x8000) this server acts on or may safely ignore. Any other one in a
     * request earns a 420 listing it. PRIORITY and USE-CANDIDATE are ICE's, sent on Binding checks.
     */
    static final Set<Integer> UNDERSTOOD = Set.of(
            MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, CHANNEL_NUMBER, LIFETIME,
            XOR_PEER_ADDRESS, DATA, REALM, NONCE, XOR_RELAYED_ADDRESS, REQUESTED_ADDRESS_FAMILY, EVEN_PORT,
            REQUESTED_TRANSPORT, DONT_FRAGMENT, MESSAGE_INTEGRITY_SHA256, XOR_MAPPED_ADDRESS, RESERVATION_TOKEN,
            PRIORITY, USE_CANDIDATE);

    public static boolean comprehensionRequired(int type) {
        return type < 0x8000;
    }

    private AttributeType() {
    }
}
