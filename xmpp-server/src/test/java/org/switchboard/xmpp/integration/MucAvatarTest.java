package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Room avatars with Smack: an owner sets the room's vCard-temp; occupants are told its photo's SHA-1 in a XEP-0153
 * presence from the room's bare JID (at once, and on entering), anyone reads it back, others may not set it, a
 * photo too large is refused with the limit named, and it outlives a restart.
 */
class MucAvatarTest {

    private static final String PASSWORD = "muc avatar password";

    @Test
    void anOwnerSetsTheRoomAvatarAndOccupantsSeeItsHashAndItOutlivesARestart() throws Exception {
        byte[] image = new byte[3000];
        new Random(15).nextBytes(image);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(image));
        EntityBareJid room = JidCreate.entityBareFrom(MucRaw.room("avatar"));
        String bobName;
        try (RunningServer running = new RunningServer()) {
            XMPPTCPConnection alice = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "desk");
            bobName = running.newAccount(PASSWORD);
            XMPPTCPConnection bob = SmackClients.connect(running, bobName, PASSWORD, "phone");
            MultiUserChat owned = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(room);
            owned.create(Resourcepart.from("alice"));
            FillableForm config = owned.getConfigurationForm().getFillableForm();
            config.setAnswer("muc#roomconfig_persistentroom", true);
            owned.sendConfigurationForm(config);
            MultiUserChatManager.getInstanceFor(bob).getMultiUserChat(room).join(Resourcepart.from("bob"));

            StanzaCollector told = bob.createStanzaCollector(stanza -> stanza instanceof Presence && room.equals(stanza.getFrom()));
            alice.sendIqRequestAndWaitForResponse(roomVCard(room, image));
            Stanza update = told.nextResult(TimeUnit.SECONDS.toMillis(10));
            told.cancel();
            assertThat(update).isNotNull();
            assertThat(update.toXML().toString()).contains("<x xmlns='vcard-temp:x:update'", "<photo>" + hash + "</photo></x>");

            VCard read = VCardManager.getInstanceFor(bob).loadVCard(room);
            assertThat(read.getAvatar()).isEqualTo(image);
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(bob).discoverInfo(room);
            assertThat(info.containsFeature("vcard-temp")).isTrue();
            assertThat(info.toXML().toString()).contains("muc#roominfo_avatarhash").contains(hash);

            assertThatThrownBy(() -> bob.sendIqRequestAndWaitForResponse(roomVCard(room, new byte[] {1, 2, 3})))
                    .isInstanceOfSatisfying(XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.forbidden));
            byte[] large = new byte[120 * 1024];
            assertThatThrownBy(() -> alice.sendIqRequestAndWaitForResponse(roomVCard(room, large)))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.not_acceptable);
                        assertThat(e.getStanzaError().getDescriptiveText()).contains("131072");
                    });
            assertThat(VCardManager.getInstanceFor(bob).loadVCard(room).getAvatar()).as("a refused vCard changes nothing").isEqualTo(image);
            alice.disconnect();
            bob.disconnect();
        }

        try (RunningServer after = new RunningServer()) {
            XMPPTCPConnection bob = SmackClients.connect(after, bobName, PASSWORD, "phone");
            StanzaCollector told = bob.createStanzaCollector(stanza -> stanza instanceof Presence && room.equals(stanza.getFrom()));
            MultiUserChatManager.getInstanceFor(bob).getMultiUserChat(room).join(Resourcepart.from("bob"));
            Stanza onEntering = told.nextResult(TimeUnit.SECONDS.toMillis(10));
            told.cancel();
            assertThat(onEntering).isNotNull();
            assertThat(onEntering.toXML().toString()).contains("<photo>" + hash + "</photo>");
            assertThat(VCardManager.getInstanceFor(bob).loadVCard(room).getAvatar()).isEqualTo(image);
            bob.disconnect();
        }
    }

    @Test
    void aPhotoThatIsNotBase64IsRefusedAndNamedAndAnEmptyVCardRemovesTheAvatar() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket alice = MucRaw.session(running, PASSWORD, "desk")) {
            String room = MucRaw.room("hostile");
            MucRaw.createInstant(alice, room, "alice");
            alice.send("<iq type='set' id='v1' to='" + room + "'><vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE>"
                    + "<BINVAL>not*base64!</BINVAL></PHOTO></vCard></iq>");
            assertThat(MucRaw.untilIq(alice, "v1")).contains("<not-acceptable").contains("BINVAL is not base64");
            alice.send("<iq type='set' id='v2' to='" + room + "'><vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE>"
                    + "<BINVAL>AQID</BINVAL></PHOTO></vCard></iq>");
            String set = alice.readUntil("id='v2'");
            assertThat(set).contains("<photo>7037807198c22a7d2b0807371d763779a84fdfcf</photo>");
            alice.send("<iq type='set' id='v3' to='" + room + "'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(alice.readUntil("id='v3'")).contains("<photo/>");
            alice.send("<iq type='get' id='v4' to='" + room + "'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(MucRaw.untilIq(alice, "v4")).doesNotContain("BINVAL");
        }
    }

    private static VCard roomVCard(EntityBareJid room, byte[] image) {
        VCard vcard = new VCard();
        vcard.setAvatar(image, "image/png");
        vcard.setType(IQ.Type.set);
        vcard.setTo(room);
        return vcard;
    }
}
