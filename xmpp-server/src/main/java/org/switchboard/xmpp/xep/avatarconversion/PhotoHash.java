package org.switchboard.xmpp.xep.avatarconversion;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.vcard.VCardModule;

/**
 * What the server can say in presence about an account's vCard-based avatar (XEP-0153): the SHA-1 of its PHOTO's
 * image, that it has none (no PHOTO, or one whose BINVAL is empty or missing: XEP-0153 section 4.4 advertises an
 * empty {@code <photo/>} then), or nothing ({@link #UNKNOWN}: a BINVAL that is not base64, which the server cannot
 * hash, so a client's own claim stands).
 *
 * @param hex the lower-case hex SHA-1; "" for no avatar; null when unknown
 */
record PhotoHash(String hex) {

    static final PhotoHash NONE = new PhotoHash("");
    static final PhotoHash UNKNOWN = new PhotoHash(null);

    static PhotoHash of(Avatar avatar) {
        return avatar == null ? NONE : new PhotoHash(avatar.id());
    }

    /** Of a vCard-temp as stored. */
    static PhotoHash of(Element vcard) {
        Element photo = VCardPhoto.of(vcard);
        String binval = photo == null ? null : photo.childText("BINVAL", VCardModule.NAMESPACE);
        if (binval == null || binval.isBlank()) {
            return NONE;
        }
        try {
            return of(VCardPhoto.avatar(photo));
        } catch (Avatar.Malformed e) {
            return UNKNOWN;
        }
    }

    boolean known() {
        return hex != null;
    }
}
