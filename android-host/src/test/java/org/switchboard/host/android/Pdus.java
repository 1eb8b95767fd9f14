package org.switchboard.host.android;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SMS-DELIVER PDUs as a network sends them (3GPP TS 23.040 §9.2.2.1), built here byte by byte: UCS-2 text, the
 * sender as an international number, and for a part of a concatenated text the 8-bit reference element
 * (§9.2.3.24.1) in the user data header.
 */
final class Pdus {

    private Pdus() {
    }

    /** One part ({@code total} 1: a plain text without a header). */
    static byte[] deliver(String from, String text, int reference, int total, int sequence) {
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.write(0x00); // no SMSC address
        pdu.write(total > 1 ? 0x44 : 0x04); // SMS-DELIVER, no more messages waiting, UDHI when there is a header
        String digits = from.startsWith("+") ? from.substring(1) : from;
        pdu.write(digits.length());
        pdu.write(0x91); // international, ISDN numbering
        for (int i = 0; i < digits.length(); i += 2) {
            int low = digits.charAt(i) - '0';
            int high = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0x0f;
            pdu.write((high << 4) | low);
        }
        pdu.write(0x00); // TP-PID
        pdu.write(0x08); // TP-DCS: UCS-2
        pdu.writeBytes(new byte[] {0x62, 0x11, 0x03, 0x41, 0x51, 0x00, 0x00}); // TP-SCTS 2026-11-30 14:15:00 UTC
        byte[] body = text.getBytes(StandardCharsets.UTF_16BE);
        byte[] header = total > 1 ? new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence} : new byte[0];
        pdu.write(header.length + body.length); // TP-UDL in octets for UCS-2
        pdu.writeBytes(header);
        pdu.writeBytes(body);
        return pdu.toByteArray();
    }
}
