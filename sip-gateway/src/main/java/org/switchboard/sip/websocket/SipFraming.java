package org.switchboard.sip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks that a WebSocket message holds exactly one SIP message (RFC 7118 section 5.1) before the stack's
 * stream parser sees it: that parser reads a byte stream, so a message without a header end or with a
 * Content-Length other than its body's would swallow the start of the next one.
 */
final class SipFraming {

    private SipFraming() {
    }

    /** Null when {@code message} can be handed to the parser; otherwise why not. */
    static String problem(byte[] message) {
        int end = headerEnd(message);
        if (end < 0) {
            return "no end of the header section";
        }
        String head = new String(message, 0, end, StandardCharsets.UTF_8);
        int firstLineEnd = head.indexOf("\r\n");
        String firstLine = firstLineEnd < 0 ? head : head.substring(0, firstLineEnd);
        if (!firstLine.startsWith("SIP/2.0 ") && !firstLine.endsWith(" SIP/2.0")) {
            return "not a SIP request or status line";
        }
        int body = message.length - end - 4;
        long declared = -1;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") || name.equals("l")) {
                    try {
                        declared = Long.parseLong(line.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        return "Content-Length is not a number";
                    }
                }
            }
        }
        if (declared < 0 ? body != 0 : declared != body) {
            return "Content-Length " + (declared < 0 ? "missing" : declared) + " but the body has " + body + " bytes";
        }
        return null;
    }

    /** Only CR and LF: a keep-alive some clients send, not a message. */
    static boolean isKeepAlive(byte[] message) {
        for (byte b : message) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int headerEnd(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
