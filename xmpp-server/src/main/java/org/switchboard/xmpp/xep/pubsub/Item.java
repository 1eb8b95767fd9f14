package org.switchboard.xmpp.xep.pubsub;

import org.switchboard.xmpp.stanza.Element;

/** A published item: its id, who published it (bare JID) and its payload, null for an item without one. */
public record Item(String id, String publisher, Element payload) {

    /** {@code <item id='…'>payload</item>} in the given pubsub namespace (pubsub or pubsub#event). */
    public Element toElement(String namespace, boolean withPayload) {
        var item = Element.builder("item", namespace).attribute("id", id);
        if (withPayload && payload != null) {
            item.child(payload);
        }
        return item.build();
    }
}
