package org.switchboard.xmpp.xep.rsm;

import org.switchboard.xmpp.stanza.Element;

/**
 * What a client asks of a result set (XEP-0059 section 2): at most {@code max} items, after or before an
 * item, or from an index. An empty {@code <before/>} asks for the last page; it is kept as the empty string
 * so it can be told from no {@code <before>} at all (null).
 */
public record ResultSetRequest(Integer max, String after, String before, Integer index) {

    public static final String NAMESPACE = "http://jabber.org/protocol/rsm";

    public static final ResultSetRequest NONE = new ResultSetRequest(null, null, null, null);

    /** Thrown for a {@code <set/>} that cannot be understood; the caller answers {@code bad-request}. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** The request in {@code parent}'s {@code <set/>}, or {@link #NONE} when it has none. */
    public static ResultSetRequest from(Element parent) {
        Element set = parent.child("set", NAMESPACE).orElse(null);
        if (set == null) {
            return NONE;
        }
        Element before = set.child("before", NAMESPACE).orElse(null);
        return new ResultSetRequest(
                number(set.childText("max", NAMESPACE), "max"),
                set.childText("after", NAMESPACE),
                before == null ? null : before.text(),
                number(set.childText("index", NAMESPACE), "index"));
    }

    /** Paging backwards: {@code <before>}, empty or naming an item. */
    public boolean backwards() {
        return before != null;
    }

    /** {@code <before/>} with no item: the last page. */
    public boolean lastPage() {
        return before != null && before.isEmpty();
    }

    private static Integer number(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new Malformed("<" + what + "/> must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Malformed("<" + what + "/> is not a number");
        }
    }
}
