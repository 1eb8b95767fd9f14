package org.switchboard.xmpp.xep.avatarconversion;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.xep.vcard.VCardModule;

/** The PHOTO of a vCard-temp (XEP-0054 section 3.2, XEP-0153 section 3.1): TYPE and base64 BINVAL. */
final class VCardPhoto {

    private static final String NS = VCardModule.NAMESPACE;

    private VCardPhoto() {
    }

    /** The PHOTO element, or null when the vCard has none. */
    static Element of(Element vcard) {
        return vcard.child("PHOTO", NS).orElse(null);
    }

    /** The embedded image of a PHOTO; null when it only points elsewhere (EXTVAL) or has no BINVAL. */
    static Avatar avatar(Element photo) throws Avatar.Malformed {
        String binval = photo.childText("BINVAL", NS);
        if (binval == null) {
            return null;
        }
        return Avatar.of(Avatar.decode(binval), photo.childText("TYPE", NS));
    }

    /** The SHA-1 of the vCard's embedded photo, or null when it has none that decodes. */
    static String hash(Element vcard) {
        Element photo = of(vcard);
        try {
            Avatar avatar = photo == null ? null : avatar(photo);
            return avatar == null ? null : avatar.id();
        } catch (Avatar.Malformed e) {
            return null;
        }
    }

    /** The vCard with its PHOTO replaced by {@code avatar}, or removed when it is null; the rest stays as it was. */
    static Element with(Element vcard, Avatar avatar) {
        List<Node> children = new ArrayList<>();
        boolean placed = false;
        for (Node child : vcard.children()) {
            if (child instanceof Element e && e.is("PHOTO", NS)) {
                if (avatar != null && !placed) {
                    children.add(photo(avatar));
                    placed = true;
                }
            } else {
                children.add(child);
            }
        }
        if (avatar != null && !placed) {
            children.add(photo(avatar));
        }
        return vcard.withChildren(children);
    }

    private static Element photo(Avatar avatar) {
        return Element.builder("PHOTO", NS)
                .child(Element.builder("TYPE", NS).text(avatar.type()).build())
                .child(Element.builder("BINVAL", NS).text(avatar.base64()).build())
                .build();
    }
}
