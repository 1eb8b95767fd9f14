package org.switchboard.xmpp.stanza;

/**
 * Shortcuts for the addresses almost every stanza carries: plain ASCII, mostly lower-case already. They
 * only ever accept; whatever they are unsure of goes through the full normalization in {@link Jid},
 * which also produces every error. JidFastPathTest checks them against that full path.
 */
final class JidFastPath {

    /** RFC 1035 limits, the ones IDNA applies to an ASCII host name. */
    private static final int MAX_LABEL = 63;
    private static final int MAX_HOST = 253;

    private JidFastPath() {
    }

    static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower-casing, returning the same instance when nothing changes (the usual case). */
    static String lowerAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = ascii.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] += 'a' - 'A';
                    }
                }
                return new String(chars);
            }
        }
        return ascii;
    }

    /**
     * The normalized domainpart when {@code raw} is an LDH host name (letters, digits, hyphens; labels of
     * 1 to 63 chars not starting or ending with a hyphen; at most 253 chars; one optional trailing dot),
     * or null to take the full path. IDNA's ToASCII and ToUnicode leave such a name as it is, unless a
     * label carries the ACE prefix ({@code xn--}), which ToUnicode would decode: those take the full path too.
     */
    static String hostName(String raw) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '.') {
            end--;
        }
        if (end == 0 || end > MAX_HOST) {
            return null;
        }
        boolean upper = false;
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            char c = i < end ? raw.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL || raw.charAt(labelStart) == '-' || raw.charAt(i - 1) == '-'
                        || isAcePrefixed(raw, labelStart, length)) {
                    return null;
                }
                labelStart = i + 1;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return null;
            }
        }
        String value = end == raw.length() ? raw : raw.substring(0, end);
        return upper ? lowerAscii(value) : value;
    }

    private static boolean isAcePrefixed(String raw, int start, int length) {
        return length >= 4 && raw.regionMatches(true, start, "xn--", 0, 4);
    }
}
