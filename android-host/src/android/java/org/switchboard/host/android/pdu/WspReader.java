package org.switchboard.host.android.pdu;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads the WSP primitives (WAP-230-WSP §8.4.2) of one PDU, never past its end: every length is checked against
 * what is left, texts against {@link #MAX_TEXT}, and each failure names the offset and what was expected there.
 */
public final class WspReader {

    /** No header text in a notice or an answer is anywhere near this long. */
    static final int MAX_TEXT = 1024;

    private final byte[] pdu;
    private int at;
    private final int end;

    public WspReader(byte[] pdu) {
        this(pdu, 0, pdu.length);
    }

    private WspReader(byte[] pdu, int at, int end) {
        this.pdu = pdu;
        this.at = at;
        this.end = end;
    }

    public boolean atEnd() {
        return at >= end;
    }

    public int position() {
        return at;
    }

    public int octet() throws PduException {
        if (at >= end) {
            throw new PduException("the PDU ends at offset " + at + " where another octet was due");
        }
        return pdu[at++] & 0xFF;
    }

    int peek() throws PduException {
        int value = octet();
        at--;
        return value;
    }

    /** Uintvar: at most 5 octets, and the value must fit an int (lengths and counts). */
    public int uintvar() throws PduException {
        int start = at;
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int octet = octet();
            value = (value << 7) | (octet & 0x7F);
            if ((octet & 0x80) == 0) {
                if (value > Integer.MAX_VALUE) {
                    throw new PduException("the uintvar at offset " + start + " is " + value + ", too large");
                }
                return (int) value;
            }
        }
        throw new PduException("the uintvar at offset " + start + " runs over 5 octets");
    }

    /** Value-length (0-30, or 31 and a uintvar), checked against what is left of the PDU. */
    public int valueLength() throws PduException {
        int start = at;
        int first = octet();
        int length;
        if (first <= 30) {
            length = first;
        } else if (first == 31) {
            length = uintvar();
        } else {
            throw new PduException("a value length was due at offset " + start + ", not 0x" + Integer.toHexString(first));
        }
        return checkLength(start, length);
    }

    int checkLength(int start, int length) throws PduException {
        if (length > end - at) {
            throw new PduException("the length " + length + " at offset " + start + " runs past the PDU's end (" + (end - at) + " left)");
        }
        return length;
    }

    /** A reader of the next {@code length} octets alone; this one skips them. */
    public WspReader slice(int length) throws PduException {
        checkLength(at, length);
        WspReader slice = new WspReader(pdu, at, at + length);
        at += length;
        return slice;
    }

    public byte[] bytes(int length) throws PduException {
        checkLength(at, length);
        byte[] bytes = java.util.Arrays.copyOfRange(pdu, at, at + length);
        at += length;
        return bytes;
    }

    /** Text-string: to its NUL (a leading 127 quote dropped), at most {@link #MAX_TEXT} octets. */
    public String textString(Charset charset) throws PduException {
        int start = at;
        if (at < end && (pdu[at] & 0xFF) == 0x7F) {
            at++;
        }
        int from = at;
        while (at < end && pdu[at] != 0) {
            if (at - from >= MAX_TEXT) {
                throw new PduException("the text at offset " + start + " is longer than " + MAX_TEXT + " octets");
            }
            at++;
        }
        if (at >= end) {
            throw new PduException("the text at offset " + start + " has no end (NUL) before the PDU's end");
        }
        String text = new String(pdu, from, at - from, charset);
        at++;
        return text;
    }

    /** Short-integer (high bit set) or Long-integer (Short-length 1-8, then big-endian octets). */
    public long integer() throws PduException {
        int start = at;
        int first = octet();
        if (first >= 0x80) {
            return first & 0x7F;
        }
        if (first < 1 || first > 8) {
            throw new PduException("an integer was due at offset " + start + ", not a length of " + first);
        }
        checkLength(start, first);
        long value = 0;
        for (int i = 0; i < first; i++) {
            value = (value << 8) | octet();
        }
        if (value < 0) {
            throw new PduException("the integer at offset " + start + " does not fit 63 bits");
        }
        return value;
    }

    /**
     * Encoded-string-value (OMA-TS-MMS_ENC §7.2.9): a text string, or a value length, a charset (IANA MIBenum) and
     * a text string in it.
     */
    public String encodedString() throws PduException {
        if (peek() > 31) {
            return textString(StandardCharsets.UTF_8);
        }
        WspReader value = slice(valueLength());
        Charset charset = charset(value.integer());
        return value.textString(charset);
    }

    /** Skips one header value of any form (§8.4.1.2): a length and its octets, a text, or a short integer. */
    public void skipValue() throws PduException {
        int first = peek();
        if (first <= 31) {
            slice(valueLength());
        } else if (first < 0x80) {
            textString(StandardCharsets.ISO_8859_1);
        } else {
            octet();
        }
    }

    private static Charset charset(long mibEnum) {
        return switch ((int) Math.min(mibEnum, Integer.MAX_VALUE)) {
            case 3 -> StandardCharsets.US_ASCII;
            case 4 -> StandardCharsets.ISO_8859_1;
            case 1000, 1015 -> StandardCharsets.UTF_16BE; // ISO-10646-UCS-2, UTF-16
            default -> StandardCharsets.UTF_8; // 106; and what a sender mislabels is better read as UTF-8 than refused
        };
    }
}
