package org.switchboard.xmpp.xep.upload;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=…} request (RFC 9110 section 14). Several ranges in one request are
 * answered with the whole file, which the RFC allows; a range that cannot be satisfied gets 416.
 */
record ByteRange(long first, long last) {

    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    long length() {
        return last - first + 1;
    }

    /** Empty for no header, a header this server ignores, or a multi-range request: send it all. */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0 || header.length() > 100) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String start = spec.substring(0, dash).trim();
        String end = spec.substring(dash + 1).trim();
        try {
            if (start.isEmpty()) {
                // a suffix: the last n bytes
                long n = Long.parseLong(end);
                if (n <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (first < 0 || (!end.isEmpty() && Long.parseLong(end) < first)) {
                return Optional.empty(); // syntactically invalid: ignored (RFC 9110 section 14.2)
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
