package org.switchboard.sip.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server side of the WebSocket opening handshake (RFC 6455 section 4.2) for SIP: a GET with
 * {@code Upgrade: websocket}, version 13, a 16-byte key, and {@code sip} among the offered subprotocols
 * (RFC 7118 section 4.1: a server that does not get it must not complete the handshake). Anything else is
 * answered with an HTTP error that says what was wrong.
 */
final class Handshake {

    /** A request head larger than this is refused before it is parsed. */
    static final int MAX_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 64;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** What the handshake answers: {@code accepted} or not, and the bytes of the HTTP response. */
    record Answer(boolean accepted, byte[] response) {
    }

    private Handshake() {
    }

    /** Answers the request head {@code head} (up to and including the blank line). */
    static Answer answer(String head) {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("GET") || !requestLine[2].equals("HTTP/1.1")) {
            return refuse(400, "expected 'GET <path> HTTP/1.1', got '" + printable(lines[0]) + "'", "");
        }
        if (lines.length > MAX_HEADERS + 1) {
            return refuse(431, "more than " + MAX_HEADERS + " header fields", "");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return refuse(400, "malformed header line '" + printable(lines[i]) + "'", "");
            }
            // repeated fields are joined, as HTTP allows for comma-separated lists
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (first, second) -> first + ", " + second);
        }
        if (!headers.containsKey("host")) {
            return refuse(400, "no Host header", "");
        }
        if (!hasToken(headers.get("upgrade"), "websocket") || !hasToken(headers.get("connection"), "upgrade")) {
            return refuse(426, "a WebSocket upgrade is required (Upgrade: websocket, Connection: Upgrade)",
                    "Upgrade: websocket\r\nConnection: Upgrade\r\n");
        }
        if (!"13".equals(headers.get("sec-websocket-version"))) {
            return refuse(426, "only WebSocket version 13 is spoken", "Sec-WebSocket-Version: 13\r\n");
        }
        String key = headers.get("sec-websocket-key");
        if (key == null || !isNonce(key)) {
            return refuse(400, "Sec-WebSocket-Key must be 16 bytes in base64", "");
        }
        if (!offersSip(headers.get("sec-websocket-protocol"))) {
            return refuse(400, "the 'sip' WebSocket subprotocol (RFC 7118) must be offered", "");
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
        return new Answer(true, response.getBytes(StandardCharsets.US_ASCII));
    }

    /** The answer to a request head that never ended within {@link #MAX_BYTES}. */
    static Answer tooLarge() {
        return refuse(431, "request head larger than " + MAX_BYTES + " bytes", "");
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-1", impossible);
        }
    }

    private static boolean isNonce(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Subprotocol names are case-sensitive tokens (RFC 6455 section 4.1); RFC 7118 registers {@code sip}. */
    private static boolean offersSip(String offered) {
        if (offered == null) {
            return false;
        }
        for (String name : offered.split(",")) {
            if (name.trim().equals("sip")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static Answer refuse(int status, String why, String extraHeaders) {
        String reason = switch (status) {
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            default -> "Bad Request";
        };
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n" + extraHeaders + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return new Answer(false, response);
    }

    /** At most 100 characters, control characters shown as '?': the request is quoted back to its sender. */
    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
