package org.switchboard.host.android.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The test's own reader of an M-Send.req, written from OMA-TS-MMS_ENC and WAP-230-WSP and sharing no code with
 * the app's: it takes the PDU apart octet by octet, fails on anything it does not expect, and keeps the raw
 * bytes of every value so the tests compare them with the specification's codes.
 */
public final class SendReqDecoder {

    /** One header field: its code and its raw value. */
    public record Field(int code, byte[] value) {
        public String text() {
            return new String(value, 0, value.length - 1, StandardCharsets.UTF_8);
        }
    }

    /** One multipart entry: the raw content type, Content-Location, Content-ID and the data. */
    public record Entry(byte[] contentType, String location, String contentId, byte[] data) {
    }

    public record Decoded(List<Field> headers, List<Entry> parts) {
        public List<Integer> order() {
            return headers.stream().map(Field::code).toList();
        }

        public List<Field> all(int code) {
            return headers.stream().filter(f -> f.code() == code).toList();
        }

        public Field one(int code) {
            List<Field> found = all(code);
            if (found.size() != 1) {
                throw new AssertionError("header 0x" + Integer.toHexString(code) + " " + found.size() + " times");
            }
            return found.get(0);
        }
    }

    private final byte[] pdu;
    private int at;

    private SendReqDecoder(byte[] pdu) {
        this.pdu = pdu;
    }

    public static Decoded decode(byte[] pdu) {
        return new SendReqDecoder(pdu).decode();
    }

    private Decoded decode() {
        List<Field> headers = new ArrayList<>();
        while (true) {
            int code = next();
            byte[] value = switch (code) {
                case 0x8C, 0x8D, 0x8A, 0x86, 0x90 -> new byte[] {(byte) next()}; // type, version, class, reports
                case 0x98, 0x97 -> text(); // Transaction-ID, To
                case 0x89, 0x84 -> lengthPrefixed(); // From, Content-Type
                default -> throw new AssertionError("unexpected header 0x" + Integer.toHexString(code) + " at " + (at - 1));
            };
            headers.add(new Field(code, value));
            if (code == 0x84) {
                break; // the body follows the Content-Type
            }
        }
        int count = uintvar();
        List<Entry> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int headersLength = uintvar();
            int dataLength = uintvar();
            int headersEnd = at + headersLength;
            byte[] contentType = lengthPrefixed();
            String location = null;
            String id = null;
            while (at < headersEnd) {
                int code = next();
                if (code == 0x8E) {
                    location = string(text());
                } else if (code == 0xC0) {
                    if (next() != '"') {
                        throw new AssertionError("Content-ID is a quoted string");
                    }
                    id = string(text());
                } else {
                    throw new AssertionError("unexpected part header 0x" + Integer.toHexString(code));
                }
            }
            if (at != headersEnd) {
                throw new AssertionError("part headers overran their length");
            }
            parts.add(new Entry(contentType, location, id, Arrays.copyOfRange(pdu, at, at + dataLength)));
            at += dataLength;
        }
        if (at != pdu.length) {
            throw new AssertionError((pdu.length - at) + " octets after the last part");
        }
        return new Decoded(headers, parts);
    }

    private static String string(byte[] withNul) {
        return new String(withNul, 0, withNul.length - 1, StandardCharsets.UTF_8);
    }

    private int next() {
        if (at >= pdu.length) {
            throw new AssertionError("the PDU ends early at " + at);
        }
        return pdu[at++] & 0xFF;
    }

    /** A NUL-terminated text, returned with its NUL. */
    private byte[] text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int octet;
        while ((octet = next()) != 0) {
            out.write(octet);
        }
        out.write(0);
        return out.toByteArray();
    }

    /** A Value-length and its value (both returned, the length first). */
    private byte[] lengthPrefixed() {
        int start = at;
        int first = next();
        int length = first <= 30 ? first : first == 31 ? uintvar() : -1;
        if (length < 0) {
            throw new AssertionError("a value length was due at " + start);
        }
        at += length;
        return Arrays.copyOfRange(pdu, start, at);
    }

    private int uintvar() {
        int value = 0;
        int octet;
        do {
            octet = next();
            value = (value << 7) | (octet & 0x7F);
        } while ((octet & 0x80) != 0);
        return value;
    }
}
