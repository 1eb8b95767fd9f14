package org.switchboard.xmpp.xep.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The path of an upload URL, {@code /upload/<id>/<percent-encoded filename>}, parsed strictly: exactly two
 * segments, an id of the random form, and a name whose decoded form is a plain filename. Anything else (dot
 * segments, encoded separators, NUL, bad escapes, invalid UTF-8) is refused before any lookup.
 */
record UploadPath(String id, String filename) {

    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** @param rest the request path after the route's prefix, still encoded, query included */
    static UploadPath parse(String rest) throws Refused {
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        int slash = path.indexOf('/');
        if (slash < 0 || path.indexOf('/', slash + 1) >= 0) {
            throw new Refused("an upload URL is /upload/<id>/<filename>");
        }
        String id = path.substring(0, slash);
        if (!UploadFiles.isId(id)) {
            throw new Refused("an upload URL is /upload/<id>/<filename>");
        }
        String name = decode(path.substring(slash + 1));
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new Refused("the filename in the URL is not a plain filename");
        }
        return new UploadPath(id, name);
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, so the name is one safe path segment. */
    static String encode(String filename) {
        StringBuilder out = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String encoded) throws Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw new Refused("bad percent-encoding in the URL");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                throw new Refused("the URL has characters that must be percent-encoded");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused("the filename in the URL is not UTF-8");
        }
    }
}
