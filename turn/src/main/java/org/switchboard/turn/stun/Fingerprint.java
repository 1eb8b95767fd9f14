package org.switchboard.turn.stun;

import java.util.zip.CRC32;

/** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554E. */
public final class Fingerprint {

    private static final long XOR = 0x5354554EL;

    private Fingerprint() {
    }

    /** The value for a FINGERPRINT attribute at {@code attributeOffset}; the length field must already count it. */
    public static int compute(byte[] message, int attributeOffset) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, attributeOffset);
        return (int) (crc.getValue() ^ XOR);
    }

    static boolean verify(byte[] message, int attributeOffset) {
        int received = ((message[attributeOffset + 4] & 0xFF) << 24) | ((message[attributeOffset + 5] & 0xFF) << 16)
                | ((message[attributeOffset + 6] & 0xFF) << 8) | (message[attributeOffset + 7] & 0xFF);
        return received == compute(message, attributeOffset);
    }
}
