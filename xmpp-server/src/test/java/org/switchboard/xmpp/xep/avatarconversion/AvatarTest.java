package org.switchboard.xmpp.xep.avatarconversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;

/** The image as both XEPs carry it, and the vCard PHOTO: hashes, types, sizes, hostile base64. */
class AvatarTest {

    static byte[] image(String format, int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    @Test
    void theIdIsTheHexSha1AndPngAndGifTellTheirSize() throws Exception {
        Avatar png = Avatar.of(image("png", 3, 2), null);
        Avatar gif = Avatar.of(image("gif", 5, 7), null);
        Avatar jpeg = Avatar.of(image("jpg", 4, 4), null);

        // the SHA-1 of "abc" from FIPS 180-2's example
        assertThat(Avatar.sha1("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(png.type()).isEqualTo("image/png");
        assertThat(png.width()).isEqualTo(3);
        assertThat(png.height()).isEqualTo(2);
        assertThat(gif.type()).isEqualTo("image/gif");
        assertThat(gif.width()).isEqualTo(5);
        assertThat(gif.height()).isEqualTo(7);
        // a JPEG's size needs its frames walked: left out, as XEP-0084 allows
        assertThat(jpeg.type()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isZero();
        assertThat(Avatar.of(image("png", 3, 2), " image/x-custom ").type()).isEqualTo("image/x-custom");
    }

    @Test
    void truncatedOrForeignBytesGiveNoSizeAndNoException() {
        byte[] pngSignatureOnly = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        Avatar truncated = Avatar.of(pngSignatureOnly, null);
        Avatar gifHeader = Avatar.of(new byte[] {'G', 'I', 'F', '8'}, null);
        Avatar text = Avatar.of("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);

        assertThat(truncated.width()).isZero();
        assertThat(gifHeader.width()).isZero();
        assertThat(text.type()).isEqualTo("image/png");
        assertThat(text.height()).isZero();
    }

    @Test
    void base64MayBeWrappedButNotBroken() throws Exception {
        byte[] bytes = image("png", 3, 2);
        String wrapped = Base64.getMimeEncoder(10, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(bytes);

        assertThat(Avatar.decode("  " + wrapped + "\n")).isEqualTo(bytes);
        assertThatThrownBy(() -> Avatar.decode("not*base64!")).isInstanceOf(Avatar.Malformed.class)
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Avatar.decode("QUJD=")).isInstanceOf(Avatar.Malformed.class);
        assertThatThrownBy(() -> Avatar.decode(" \n ")).isInstanceOf(Avatar.Malformed.class).hasMessageContaining("empty");
    }

    @Test
    void aPhotoIsReplacedInPlaceOrRemovedAndTheRestOfTheVCardStays() throws Exception {
        Element vcard = StoredXml.read("<vCard xmlns='vcard-temp'><FN>Juliet</FN><PHOTO><EXTVAL>https://example.org/j.png</EXTVAL></PHOTO>"
                + "<NICKNAME>Jul</NICKNAME></vCard>");
        Avatar avatar = Avatar.of(image("png", 3, 2), null);

        Element replaced = VCardPhoto.with(vcard, avatar);
        Element removed = VCardPhoto.with(replaced, null);

        assertThat(replaced.elements()).extracting(Element::name).containsExactly("FN", "PHOTO", "NICKNAME");
        assertThat(VCardPhoto.hash(replaced)).isEqualTo(avatar.id());
        assertThat(VCardPhoto.avatar(VCardPhoto.of(replaced)).type()).isEqualTo("image/png");
        assertThat(removed.elements()).extracting(Element::name).containsExactly("FN", "NICKNAME");
        // a photo only pointing elsewhere has no image to convert
        assertThat(VCardPhoto.avatar(VCardPhoto.of(vcard))).isNull();
        assertThat(VCardPhoto.hash(vcard)).isNull();
        assertThat(VCardPhoto.hash(StoredXml.read("<vCard xmlns='vcard-temp'><PHOTO><BINVAL>%%%</BINVAL></PHOTO></vCard>"))).isNull();
    }
}
