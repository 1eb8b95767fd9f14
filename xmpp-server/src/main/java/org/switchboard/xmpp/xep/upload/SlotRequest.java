package org.switchboard.xmpp.xep.upload;

import java.util.regex.Pattern;
import org.switchboard.xmpp.stanza.Element;

/**
 * A slot request (XEP-0363 section 4): {@code <request filename size content-type/>}, checked before anything
 * is stored. The filename is only ever displayed and put into URLs percent-encoded, never used as a path, yet
 * names with separators, dot segments or control characters are refused outright: no client needs them and
 * other servers or tools handling the URL might.
 */
record SlotRequest(String filename, long size, String contentType) {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    static final int MAX_FILENAME_CHARS = 255;
    /** A media type with optional parameters, in token characters only: nothing that could break a header. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[A-Za-z0-9!#$&^_.+ -]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

    /** What was wrong with a request, said to the client. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static SlotRequest parse(Element request) throws Invalid {
        String filename = request.attribute("filename");
        String size = request.attribute("size");
        String type = request.attribute("content-type");
        if (filename == null || size == null) {
            throw new Invalid("a slot request needs a filename and a size");
        }
        checkFilename(filename);
        long bytes;
        try {
            bytes = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new Invalid("the size must be a number of bytes");
        }
        if (bytes < 0) {
            throw new Invalid("the size must not be negative");
        }
        if (type == null || type.isBlank()) {
            type = DEFAULT_CONTENT_TYPE;
        } else if (type.length() > 255 || !MEDIA_TYPE.matcher(type).matches()) {
            throw new Invalid("the content-type is not a media type");
        }
        return new SlotRequest(filename, bytes, type);
    }

    private static void checkFilename(String name) throws Invalid {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_FILENAME_CHARS) {
            throw new Invalid("the filename must have 1 to " + MAX_FILENAME_CHARS + " characters");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new Invalid("the filename must not be a dot segment");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw new Invalid("the filename must not contain a path separator");
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new Invalid("the filename must not contain control characters");
            }
        }
    }
}
