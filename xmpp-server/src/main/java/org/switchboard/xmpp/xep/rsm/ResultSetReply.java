package org.switchboard.xmpp.xep.rsm;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;

/**
 * The {@code <set/>} describing a page (XEP-0059 section 2): its first and last item, the first item's
 * index in the whole result set when known, and the size of the whole set when counted. An empty page has
 * neither first nor last.
 */
public record ResultSetReply(String first, Integer firstIndex, String last, Integer count) {

    public Element toElement() {
        ElementBuilder set = Element.builder("set", ResultSetRequest.NAMESPACE);
        if (first != null) {
            set.child(Element.builder("first", ResultSetRequest.NAMESPACE)
                    .attribute("index", firstIndex == null ? null : firstIndex.toString())
                    .text(first)
                    .build());
        }
        if (last != null) {
            set.textChild("last", last);
        }
        if (count != null) {
            set.textChild("count", count.toString());
        }
        return set.build();
    }
}
