package org.switchboard.sip.websocket;

import java.nio.ByteBuffer;

/** Frames the server sends (RFC 6455 section 5.2): final, unmasked. */
final class Frames {

    private Frames() {
    }

    static byte[] encode(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).array();
    }

    /** A close frame with {@code code} and no reason text. */
    static byte[] close(int code) {
        return encode(FrameDecoder.CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }
}
