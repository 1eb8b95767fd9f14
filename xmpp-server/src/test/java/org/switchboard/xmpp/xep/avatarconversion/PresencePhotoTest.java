package org.switchboard.xmpp.xep.avatarconversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;

/** XEP-0398 section 4 on single presences, hostile ones included, and the hash a stored vCard gives. */
class PresencePhotoTest {

    private static final String HASH = "a9993e364706816aba3e25717850c26c9cd0d89d";
    private static final PhotoHash KNOWN = new PhotoHash(HASH);
    private static final String X = "<x xmlns='vcard-temp:x:update'>";

    private static Stanza presence(String inner) {
        return Xml.stanza("<presence xmlns='jabber:client'>" + inner + "</presence>");
    }

    private static Stanza presence(String attributes, String inner) {
        return Xml.stanza("<presence xmlns='jabber:client' " + attributes + ">" + inner + "</presence>");
    }

    /** The update elements of the presence, and what each says: its photo's text, or null for no photo. */
    private static List<String> photos(Stanza presence) {
        return presence.element().elements().stream().filter(e -> e.is("x", PresencePhoto.UPDATE))
                .map(x -> x.childText("photo", PresencePhoto.UPDATE)).toList();
    }

    @Test
    void anAvailablePresenceWithoutTheElementGetsTheHashAndKeepsTheRest() {
        Stanza out = PresencePhoto.apply(presence("<show>away</show><status>out</status>"), KNOWN);

        assertThat(photos(out)).containsExactly(HASH);
        assertThat(out.element().childText("show", "jabber:client")).isEqualTo("away");
        assertThat(out.element().childText("status", "jabber:client")).isEqualTo("out");
    }

    @Test
    void directedPresenceSuchAsAMucJoinGetsItToo() {
        Stanza out = PresencePhoto.apply(presence("to='room@conference.example/nick'",
                "<x xmlns='http://jabber.org/protocol/muc'/>"), KNOWN);

        assertThat(photos(out)).containsExactly(HASH);
        assertThat(out.element().child("x", "http://jabber.org/protocol/muc")).isPresent();
    }

    @Test
    void anEmptyUpdateElementIsOverwrittenAndAnEmptyPhotoIsLeftAsItIs() {
        Stanza notReady = PresencePhoto.apply(presence(X + "</x>"), KNOWN);
        Stanza noImage = PresencePhoto.apply(presence(X + "<photo/></x>"), KNOWN);
        Stanza blank = PresencePhoto.apply(presence(X + "<photo>  \n </photo></x>"), KNOWN);

        assertThat(photos(notReady)).containsExactly(HASH);
        assertThat(photos(noImage)).containsExactly("");
        assertThat(photos(blank)).containsExactly("");
    }

    @Test
    void aHashTheServerDoesNotKnowIsReplacedAndTheSameHashInCapitalsStaysTheSameHash() {
        Stanza wrong = PresencePhoto.apply(presence(X + "<photo>0123456789abcdef0123456789abcdef01234567</photo></x>"), KNOWN);
        Stanza capitals = PresencePhoto.apply(presence(X + "<photo>" + HASH.toUpperCase() + "</photo></x>"), KNOWN);

        assertThat(photos(wrong)).containsExactly(HASH);
        assertThat(photos(capitals)).containsExactly(HASH);
    }

    @Test
    void withoutAnAvatarTheServerSaysSoUnlessTheClientDid() {
        assertThat(photos(PresencePhoto.apply(presence(""), PhotoHash.NONE))).containsExactly("");
        assertThat(photos(PresencePhoto.apply(presence(X + "</x>"), PhotoHash.NONE))).containsExactly("");
        assertThat(photos(PresencePhoto.apply(presence(X + "<photo>" + HASH + "</photo></x>"), PhotoHash.NONE))).containsExactly("");
    }

    @Test
    void malformedUpdateElementsAreReplacedByOneTheServerWrites() {
        Stanza photoWithElements = PresencePhoto.apply(presence(X + "<photo><b xmlns='evil'/>x</photo></x>"), KNOWN);
        Stanza junk = PresencePhoto.apply(presence(X + "<junk>1</junk>text</x>"), KNOWN);
        Stanza photoInAnotherNamespace = PresencePhoto.apply(presence(X + "<photo xmlns='other'/></x>"), KNOWN);

        assertThat(photos(photoWithElements)).containsExactly(HASH);
        assertThat(junk.element().elements()).containsExactly(StoredXml.read(X + "<photo>" + HASH + "</photo></x>"));
        assertThat(photos(photoInAnotherNamespace)).containsExactly(HASH);
    }

    @Test
    void severalUpdateElementsBecomeOneWhereTheFirstWasAndTheFirstDecides() {
        Stanza wrongFirst = PresencePhoto.apply(presence("<show>dnd</show>" + X + "<photo>ffff</photo></x><status>s</status>"
                + X + "<photo/></x>" + X + "</x>"), KNOWN);
        Stanza emptyFirst = PresencePhoto.apply(presence(X + "<photo/></x>" + X + "<photo>ffff</photo></x>"), KNOWN);

        assertThat(wrongFirst.element().elements()).extracting(Element::name).containsExactly("show", "x", "status");
        assertThat(photos(wrongFirst)).containsExactly(HASH);
        assertThat(photos(emptyFirst)).containsExactly("");
    }

    @Test
    void presenceThatIsNotAvailableAndPhotosTheServerCannotHashAreLeftAlone() {
        Stanza unavailable = presence("type='unavailable'", X + "<photo>ffff</photo></x>");
        Stanza subscribe = presence("type='subscribe' to='romeo@example'", "");
        Stanza mine = presence(X + "<photo>ffff</photo></x>" + X + "</x>");

        assertThat(PresencePhoto.apply(unavailable, KNOWN)).isSameAs(unavailable);
        assertThat(PresencePhoto.apply(subscribe, KNOWN)).isSameAs(subscribe);
        assertThat(PresencePhoto.apply(mine, PhotoHash.UNKNOWN)).isSameAs(mine);
    }

    @Test
    void theHashOfAStoredVCardIsItsPhotosSha1OrNoneWithoutImageData() {
        String abc = java.util.Base64.getEncoder().encodeToString("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(PhotoHash.of(vcard("<PHOTO><TYPE>image/png</TYPE><BINVAL>" + abc + "</BINVAL></PHOTO>"))).isEqualTo(KNOWN);
        assertThat(PhotoHash.of(vcard("<FN>Juliet</FN>"))).isEqualTo(PhotoHash.NONE);
        // XEP-0153 section 4.4: an empty or missing BINVAL is no image
        assertThat(PhotoHash.of(vcard("<PHOTO><BINVAL/></PHOTO>"))).isEqualTo(PhotoHash.NONE);
        assertThat(PhotoHash.of(vcard("<PHOTO><EXTVAL>https://example.org/j.png</EXTVAL></PHOTO>"))).isEqualTo(PhotoHash.NONE);
        assertThat(PhotoHash.of(vcard("<PHOTO><BINVAL>%%%</BINVAL></PHOTO>"))).isEqualTo(PhotoHash.UNKNOWN);
    }

    private static Element vcard(String inner) {
        return StoredXml.read("<vCard xmlns='vcard-temp'>" + inner + "</vCard>");
    }
}
