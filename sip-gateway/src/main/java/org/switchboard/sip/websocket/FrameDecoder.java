package org.switchboard.sip.websocket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the frames a client sends (RFC 6455 section 5) into whole messages, never holding more than one
 * message of {@code maxMessageBytes} plus one frame header. A frame that announces more than the limit ends
 * the connection before its payload is read (1009); frames a client must not send end it too (1002).
 */
final class FrameDecoder {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_DATA = 1007;
    static final int TOO_BIG = 1009;

    /** A decoded message or control frame. */
    record Frame(int opcode, byte[] payload) {
    }

    /** Why the connection must end: a close code (RFC 6455 section 7.4.1) and what was wrong. */
    static final class Violation extends Exception {
        final int code;

        Violation(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final int maxMessageBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private ByteArrayOutputStream fragments;
    private int fragmentedOpcode;

    FrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Adds what arrived and returns every message and control frame it completed. */
    List<Frame> add(byte[] bytes, int offset, int length) throws Violation {
        pending.write(bytes, offset, length);
        List<Frame> frames = new ArrayList<>();
        byte[] buffer = pending.toByteArray();
        int position = 0;
        while (true) {
            int used = next(buffer, position, frames);
            if (used == 0) {
                break;
            }
            position += used;
        }
        pending.reset();
        pending.write(buffer, position, buffer.length - position);
        return frames;
    }

    /** Decodes one frame at {@code start}; 0 when it has not fully arrived. */
    private int next(byte[] buffer, int start, List<Frame> frames) throws Violation {
        int available = buffer.length - start;
        if (available < 2) {
            return 0;
        }
        int first = buffer[start] & 0xFF;
        int second = buffer[start + 1] & 0xFF;
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        if ((first & 0x70) != 0) {
            throw new Violation(PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
        }
        if ((second & 0x80) == 0) {
            throw new Violation(PROTOCOL_ERROR, "unmasked frame from a client");
        }
        boolean control = opcode >= CLOSE;
        if (opcode != CONTINUATION && opcode != TEXT && opcode != BINARY && opcode != CLOSE && opcode != PING && opcode != PONG) {
            throw new Violation(PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        int header = 2;
        long length = second & 0x7F;
        if (length == 126) {
            if (available < 4) {
                return 0;
            }
            length = ((buffer[start + 2] & 0xFF) << 8) | (buffer[start + 3] & 0xFF);
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return 0;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buffer[start + 2 + i] & 0xFF);
            }
            if (length < 0) {
                throw new Violation(PROTOCOL_ERROR, "payload length with the most significant bit set");
            }
            header = 10;
        }
        if (control && (!fin || length > 125)) {
            throw new Violation(PROTOCOL_ERROR, "a control frame must be final and at most 125 bytes");
        }
        long sofar = fragments == null ? 0 : fragments.size();
        if (!control && sofar + length > maxMessageBytes) {
            throw new Violation(TOO_BIG, "message of more than " + maxMessageBytes + " bytes");
        }
        if (available < header + 4 + length) {
            return 0;
        }
        byte[] payload = new byte[(int) length];
        int maskAt = start + header;
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (buffer[maskAt + 4 + i] ^ buffer[maskAt + (i & 3)]);
        }
        deliver(fin, opcode, control, payload, frames);
        return header + 4 + (int) length;
    }

    private void deliver(boolean fin, int opcode, boolean control, byte[] payload, List<Frame> frames) throws Violation {
        if (control) {
            frames.add(new Frame(opcode, payload));
        } else if (opcode == CONTINUATION) {
            if (fragments == null) {
                throw new Violation(PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            fragments.write(payload, 0, payload.length);
            if (fin) {
                frames.add(new Frame(fragmentedOpcode, fragments.toByteArray()));
                fragments = null;
            }
        } else if (fragments != null) {
            throw new Violation(PROTOCOL_ERROR, "new message before the fragmented one ended");
        } else if (fin) {
            frames.add(new Frame(opcode, payload));
        } else {
            fragments = new ByteArrayOutputStream();
            fragments.write(payload, 0, payload.length);
            fragmentedOpcode = opcode;
        }
    }
}
