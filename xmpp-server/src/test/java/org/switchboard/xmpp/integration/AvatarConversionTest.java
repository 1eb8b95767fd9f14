package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.PepClients.PUBSUB;
import static org.switchboard.xmpp.integration.PepClients.publish;
import static org.switchboard.xmpp.integration.PepClients.pubsub;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0398 with real Smack clients: Juliet's avatar published on PEP (XEP-0084) shows in the vCard a stranger,
 * Tybalt, reads (XEP-0153), and a vCard PHOTO Juliet sets shows on PEP; hostile images change nothing.
 */
class AvatarConversionTest {

    static final String DATA = "urn:xmpp:avatar:data";
    static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final String PASSWORD = "avatar conversion password";
    private static final long WAIT = TimeUnit.SECONDS.toMillis(10);
    @StartedServer private static RunningServer running;

    private EntityBareJid julietJid;
    private XMPPTCPConnection juliet;
    private XMPPTCPConnection tybalt;

    @BeforeEach
    void connect() throws Exception {
        String name = running.newAccount(PASSWORD);
        julietJid = JidCreate.entityBareFrom(name + "@" + RunningServer.DOMAIN);
        juliet = SmackClients.connect(running, name, PASSWORD, "balcony");
        tybalt = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "street");
    }

    @AfterEach
    void disconnect() {
        juliet.disconnect();
        tybalt.disconnect();
    }

    static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** XEP-0084 sections 4.1 and 4.2: the data item, then the metadata naming it; {@code options} go with the data. */
    static void publishAvatar(XMPPTCPConnection connection, String id, String base64, int bytes, String... options) throws Exception {
        pubsub(connection, IQ.Type.set, null, PUBSUB, publish(DATA, id, "<data xmlns='" + DATA + "'>" + base64 + "</data>", options));
        pubsub(connection, IQ.Type.set, null, PUBSUB, publish(METADATA, id, "<metadata xmlns='" + METADATA + "'><info bytes='" + bytes
                + "' id='" + id + "' type='image/png' width='3' height='2'/></metadata>"));
    }

    static String items(XMPPTCPConnection connection, EntityBareJid of, String node) throws Exception {
        return pubsub(connection, IQ.Type.get, of, PUBSUB, "<items node='" + node + "'/>").toXML().toString();
    }

    private VCard vcardSeenByTybalt() throws Exception {
        return VCardManager.getInstanceFor(tybalt).loadVCard(julietJid);
    }

    @Test
    void theConversionIsAnnouncedOnTheAccount() throws Exception {
        assertThat(ServiceDiscoveryManager.getInstanceFor(juliet).supportsFeature(julietJid, "urn:xmpp:pep-vcard-conversion:0")).isTrue();
    }

    @Test
    void anOpenPepAvatarBecomesTheVCardPhotoAndEmptyMetadataRemovesIt() throws Exception {
        VCard card = new VCard();
        card.setNickName("Jul");
        VCardManager.getInstanceFor(juliet).saveVCard(card);
        byte[] image = png(3, 2);
        String id = sha1(image);

        publishAvatar(juliet, id, Base64.getEncoder().encodeToString(image), image.length, "pubsub#access_model", "open");
        VCard withPhoto = vcardSeenByTybalt();
        pubsub(juliet, IQ.Type.set, null, PUBSUB, publish(METADATA, "none", "<metadata xmlns='" + METADATA + "'/>"));
        VCard withoutPhoto = vcardSeenByTybalt();

        assertThat(withPhoto.getAvatar()).isEqualTo(image);
        assertThat(withPhoto.getAvatarMimeType()).isEqualTo("image/png");
        assertThat(withPhoto.getAvatarHash()).isEqualTo(id);
        // the rest of the vCard is the account's own
        assertThat(withPhoto.getNickName()).isEqualTo("Jul");
        assertThat(withoutPhoto.getAvatar()).isNull();
        assertThat(withoutPhoto.getNickName()).isEqualTo("Jul");
    }

    @Test
    void ofSeveralInfoElementsTheOneWithoutAUrlIsTheImageStored() throws Exception {
        byte[] image = png(3, 2);
        String id = sha1(image);
        pubsub(juliet, IQ.Type.set, null, PUBSUB, publish(DATA, id, "<data xmlns='" + DATA + "'>"
                + Base64.getEncoder().encodeToString(image) + "</data>", "pubsub#access_model", "open"));
        // XEP-0398 section 3.1: metadata may describe one avatar several ways; the info pointing elsewhere comes first
        pubsub(juliet, IQ.Type.set, null, PUBSUB, publish(METADATA, id, "<metadata xmlns='" + METADATA + "'>"
                + "<info bytes='9999' id='0123456789abcdef0123456789abcdef01234567' type='image/gif' url='https://example.org/a.gif'/>"
                + "<info bytes='" + image.length + "' id='" + id + "' type='image/png'/></metadata>"));

        VCard card = vcardSeenByTybalt();

        assertThat(card.getAvatar()).isEqualTo(image);
        assertThat(card.getAvatarMimeType()).isEqualTo("image/png");
    }

    @Test
    void anAvatarOnlyContactsMaySeeStaysOffThePublicVCardAndTheNodesKeepTheirAccessModel() throws Exception {
        byte[] first = png(3, 2);
        byte[] second = png(4, 5);
        byte[] third = png(6, 6);

        // PEP's default access model is presence (XEP-0163 section 4.3)
        publishAvatar(juliet, sha1(first), Base64.getEncoder().encodeToString(first), first.length);
        VCard afterPresenceOnly = vcardSeenByTybalt();
        // a vCard photo set by an old client is public by its nature; it goes to the existing nodes as they are
        VCard card = new VCard();
        card.setAvatar(second, "image/png");
        VCardManager.getInstanceFor(juliet).saveVCard(card);
        VCard withOwnPhoto = vcardSeenByTybalt();
        String metadata = items(juliet, julietJid, METADATA);
        StanzaError strangerAsks = errorOf(() -> items(tybalt, julietJid, METADATA));
        // a new contacts-only avatar: the vCard's photo is no longer the avatar, and this one is not public
        publishAvatar(juliet, sha1(third), Base64.getEncoder().encodeToString(third), third.length);
        VCard afterNewAvatar = vcardSeenByTybalt();

        assertThat(afterPresenceOnly.getAvatar()).isNull();
        assertThat(withOwnPhoto.getAvatar()).isEqualTo(second);
        assertThat(metadata).contains("id='" + sha1(second) + "'");
        assertThat((Object) strangerAsks.getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat(afterNewAvatar.getAvatar()).isNull();
    }

    @Test
    void aVCardPhotoIsPublishedAsDataAndMetadataOnOpenNodesAndNotifiedOnce() throws Exception {
        byte[] first = png(3, 2);
        byte[] second = png(4, 5);
        VCard card = new VCard();
        card.setNickName("Jul");
        card.setAvatar(first, "image/png");
        VCardManager.getInstanceFor(juliet).saveVCard(card);
        // the nodes exist now; a stranger may subscribe, since they were created open
        StanzaCollector events = tybalt.createStanzaCollector(new StanzaExtensionFilter("event", PUBSUB + "#event"));
        pubsub(tybalt, IQ.Type.set, julietJid, PUBSUB, "<subscribe node='" + METADATA + "' jid='" + tybalt.getUser() + "'/>");
        Stanza lastOnSubscribe = events.nextResult(WAIT);

        card.setAvatar(second, "image/png");
        VCardManager.getInstanceFor(juliet).saveVCard(card);
        Stanza afterVCard = events.nextResult(WAIT);
        String data = items(tybalt, julietJid, DATA);
        String metadata = items(tybalt, julietJid, METADATA);
        VCard stored = vcardSeenByTybalt();
        pubsub(juliet, IQ.Type.set, null, PUBSUB, publish(METADATA, "none", "<metadata xmlns='" + METADATA + "'/>"));
        Stanza afterEmpty = events.nextResult(WAIT);

        assertThat(lastOnSubscribe.toXML().toString()).contains(sha1(first));
        assertThat(data).contains("id='" + sha1(second) + "'").contains(Base64.getEncoder().encodeToString(second));
        assertThat(metadata).contains("id='" + sha1(second) + "'").contains("bytes='" + second.length + "'")
                .contains("type='image/png'").contains("width='4'").contains("height='5'");
        assertThat(afterVCard.toXML().toString()).contains(sha1(second));
        // the conversion to PEP did not come back to the vCard (nor go round again): it is as Juliet set it, and
        // the next notification is her own next publish
        assertThat(stored.getAvatar()).isEqualTo(second);
        assertThat(stored.getNickName()).isEqualTo("Jul");
        assertThat(afterEmpty.toXML().toString()).contains("id='none'").doesNotContain(sha1(second));
    }

    @Test
    void aVCardWithBrokenBase64IsStoredButNotPublished() throws Exception {
        VCard card = new VCard();
        card.setNickName("Jul");
        card.setAvatar("bm90*YmFzZTY0!", "image/png");
        VCardManager.getInstanceFor(juliet).saveVCard(card);

        StanzaError noData = errorOf(() -> items(juliet, julietJid, DATA));

        assertThat((Object) noData.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(vcardSeenByTybalt().getNickName()).isEqualTo("Jul");
    }

    @Test
    void aDataItemThatIsNotTheNamedImageOrNotBase64LeavesTheVCardAlone() throws Exception {
        byte[] image = png(3, 2);
        String real = Base64.getEncoder().encodeToString(image);

        // an id that is not the image's SHA-1 (XEP-0398 section 3.1: verified), then data that is not base64
        publishAvatar(juliet, "0123456789abcdef0123456789abcdef01234567", real, image.length, "pubsub#access_model", "open");
        VCard afterWrongId = vcardSeenByTybalt();
        publishAvatar(juliet, sha1(image), "!!not base64!!", image.length);
        VCard afterBroken = vcardSeenByTybalt();

        assertThat(afterWrongId.getAvatar()).isNull();
        assertThat(afterBroken.getAvatar()).isNull();
    }

    static StanzaError errorOf(PepTest.ThrowingCall call) {
        try {
            call.run();
        } catch (XMPPErrorException e) {
            return e.getStanzaError();
        } catch (Exception e) {
            throw new AssertionError("expected an XMPP error, got " + e, e);
        }
        throw new AssertionError("expected an XMPP error, the request succeeded");
    }
}
