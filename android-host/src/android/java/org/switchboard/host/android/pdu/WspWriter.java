package org.switchboard.host.android.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The WSP primitive encodings (WAP-230-WSP §8.1.2, §8.4.2) an MMS PDU is made of. */
final class WspWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WspWriter octet(int value) {
        out.write(value);
        return this;
    }

    /** Short-integer: 0-127 with the high bit set. */
    WspWriter shortInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("a short integer is 0-127, not " + value);
        }
        return octet(value | 0x80);
    }

    /** Uintvar: 7 bits an octet, most significant first, the high bit set on all but the last. */
    WspWriter uintvar(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a uintvar is 0 to 2^32-1, not " + value);
        }
        int shift = 28;
        while (shift > 0 && (value >>> shift) == 0) {
            shift -= 7;
        }
        for (; shift > 0; shift -= 7) {
            out.write((int) ((value >>> shift) & 0x7F) | 0x80);
        }
        out.write((int) (value & 0x7F));
        return this;
    }

    /** Value-length: one octet up to 30, else Length-quote (31) and a uintvar. */
    WspWriter valueLength(int length) {
        if (length <= 30) {
            return octet(length);
        }
        return octet(31).uintvar(length);
    }

    /** Text-string: the text, NUL-terminated; a first octet of 128 or more is quoted with 127. */
    WspWriter textString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a text string holds no NUL");
            }
        }
        if (bytes.length > 0 && (bytes[0] & 0xFF) >= 0x80) {
            out.write(0x7F);
        }
        out.write(bytes, 0, bytes.length);
        out.write(0);
        return this;
    }

    /** Quoted-string: a double quote, the text, NUL (used for Content-ID). */
    WspWriter quotedString(String text) {
        out.write('"');
        return textString(text);
    }

    /** Another writer's bytes preceded by their Value-length. */
    WspWriter withLength(WspWriter value) {
        valueLength(value.size());
        return bytes(value.toByteArray());
    }

    WspWriter bytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
