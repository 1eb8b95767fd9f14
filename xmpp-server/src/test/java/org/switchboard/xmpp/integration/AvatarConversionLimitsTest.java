package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.AvatarConversionTest.DATA;
import static org.switchboard.xmpp.integration.AvatarConversionTest.errorOf;
import static org.switchboard.xmpp.integration.AvatarConversionTest.items;
import static org.switchboard.xmpp.integration.AvatarConversionTest.publishAvatar;
import static org.switchboard.xmpp.integration.AvatarConversionTest.sha1;

import java.util.Base64;
import java.util.Random;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.XmppSettings;

/**
 * Each side's size limit holds for the conversion: an image PEP may not take stays in the vCard only, one too
 * large for a vCard stays on PEP only, and a vCard over its limit is refused as before, converting nothing.
 */
class AvatarConversionLimitsTest {

    private static final String PASSWORD = "avatar limits password";
    /** PEP payloads up to 4 KiB: smaller than a vCard may be (128 KiB). */
    @StartedServer(settings = "pepUpTo4KiB") private static RunningServer smallPep;
    /** PEP payloads up to 200 KiB: larger than a vCard may be. */
    @StartedServer(settings = "pepUpTo200KiB") private static RunningServer largePep;

    static XmppSettings pepUpTo4KiB(XmppSettings settings) {
        return settings.with(s -> s.pubsub = s.pubsub.withLimits(16, 16, 4096));
    }

    static XmppSettings pepUpTo200KiB(XmppSettings settings) {
        return settings.with(s -> s.pubsub = s.pubsub.withLimits(16, 16, 200 * 1024));
    }

    private static byte[] noise(int bytes) {
        byte[] image = new byte[bytes];
        new Random(bytes).nextBytes(image);
        return image;
    }

    @Test
    void aVCardPhotoLargerThanPepTakesIsStoredButNotPublished() throws Exception {
        String name = smallPep.newAccount(PASSWORD);
        EntityBareJid jid = JidCreate.entityBareFrom(name + "@" + RunningServer.DOMAIN);
        XMPPTCPConnection juliet = SmackClients.connect(smallPep, name, PASSWORD, "balcony");
        try {
            byte[] image = noise(8 * 1024);
            VCard card = new VCard();
            card.setAvatar(image, "image/png");
            VCardManager.getInstanceFor(juliet).saveVCard(card);

            StanzaError noData = errorOf(() -> items(juliet, jid, DATA));

            assertThat(VCardManager.getInstanceFor(juliet).loadVCard(jid).getAvatar()).isEqualTo(image);
            assertThat((Object) noData.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    void aPepAvatarTooLargeForAVCardStaysOnPepAndAnOversizedVCardIsRefused() throws Exception {
        String name = largePep.newAccount(PASSWORD);
        EntityBareJid jid = JidCreate.entityBareFrom(name + "@" + RunningServer.DOMAIN);
        XMPPTCPConnection juliet = SmackClients.connect(largePep, name, PASSWORD, "balcony");
        try {
            byte[] image = noise(100 * 1024);
            String id = sha1(image);
            publishAvatar(juliet, id, Base64.getEncoder().encodeToString(image), image.length, "pubsub#access_model", "open");
            VCard card = new VCard();
            card.setAvatar(image, "image/png");

            String onPep = items(juliet, jid, DATA);
            VCard vcard = VCardManager.getInstanceFor(juliet).loadVCard(jid);
            StanzaError refused = errorOf(() -> VCardManager.getInstanceFor(juliet).saveVCard(card));

            assertThat(onPep).contains("id='" + id + "'");
            assertThat(vcard.getAvatar()).isNull();
            assertThat((Object) refused.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(refused.getDescriptiveText()).contains("larger than 131072 bytes");
        } finally {
            juliet.disconnect();
        }
    }

}
