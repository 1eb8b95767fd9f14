package org.switchboard.xmpp.xep.avatarconversion;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * XEP-0398 section 4 on one presence an account's session sends: every available presence, broadcast or directed
 * (a MUC join too), carries {@code <x xmlns='vcard-temp:x:update'><photo>SHA-1</photo></x>} with the hash the
 * server knows, so contacts' XEP-0153 clients see the avatar without the user's client fetching its own vCard.
 * <ul>
 *   <li>No update element, or an empty one ("not ready", XEP-0153 section 4.1 rule 2; section 4 says it MUST be
 *       overwritten): the server's is added.</li>
 *   <li>An empty {@code <photo/>} (the client says there is no image) is left as it is: section 4 has the
 *       server include the hash only in presences without one.</li>
 *   <li>A photo with another hash, or that is not a hash at all, is replaced (section 4 allows it): contacts would
 *       otherwise look for an image the vCard does not hold. With no avatar on the account, the server's is an
 *       empty {@code <photo/>} (XEP-0153 section 4.1 rule 3).</li>
 * </ul>
 * A presence has one update element afterwards: recipients read one, and several could disagree, so the first
 * decides and the others go. When the server cannot hash the vCard's photo ({@link PhotoHash#UNKNOWN}) the
 * presence is left as the client sent it.
 */
final class PresencePhoto {

    static final String UPDATE = "vcard-temp:x:update";
    private static final Element NO_IMAGE = update("");

    private PresencePhoto() {
    }

    static Stanza apply(Stanza presence, PhotoHash known) {
        if (presence.type() != null || !known.known()) {
            return presence;
        }
        List<Node> children = new ArrayList<>();
        Element first = null;
        int at = -1;
        for (Node child : presence.element().children()) {
            if (child instanceof Element e && e.is("x", UPDATE)) {
                if (first == null) {
                    first = e;
                    at = children.size();
                }
                continue;
            }
            children.add(child);
        }
        Element update = first != null && saysNoImage(first) ? NO_IMAGE : update(known.hex());
        if (at < 0) {
            children.add(update);
        } else {
            children.add(at, update);
        }
        return new Stanza(presence.element().withChildren(children));
    }

    /** An update element whose first photo is empty: no child elements, no text but whitespace. */
    private static boolean saysNoImage(Element x) {
        return x.child("photo", UPDATE)
                .map(photo -> photo.elements().isEmpty() && photo.text().isBlank())
                .orElse(false);
    }

    private static Element update(String hex) {
        return Element.builder("x", UPDATE).child(Element.builder("photo", UPDATE).text(hex).build()).build();
    }
}
