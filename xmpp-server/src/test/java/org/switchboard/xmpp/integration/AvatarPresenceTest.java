package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.xmpp.integration.AvatarConversionTest.DATA;
import static org.switchboard.xmpp.integration.AvatarConversionTest.METADATA;
import static org.switchboard.xmpp.integration.AvatarConversionTest.png;
import static org.switchboard.xmpp.integration.AvatarConversionTest.sha1;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Element;

/**
 * XEP-0398 section 4 on the wire: what Juliet's raw client sends as presence, and what her contact Romeo, her own
 * session and a MUC room receive — the hash of her avatar in {@code vcard-temp:x:update}, whoever set it (PEP or
 * vCard), replacing what a client got wrong, and current after the avatar changed; and between two Smack clients.
 */
class AvatarPresenceTest {

    private static final String PASSWORD = "avatar presence password";
    private static final String UPDATE = "vcard-temp:x:update";
    private static final String X = "<x xmlns='" + UPDATE + "'>";
    @StartedServer private static RunningServer running;

    private final AtomicInteger ids = new AtomicInteger();
    private String julietName;
    private RawXmppSocket juliet;
    private String julietJid;
    private RawXmppSocket romeo;
    private String romeoJid;



    @BeforeEach
    void connect() throws Exception {
        julietName = running.newAccount(PASSWORD);
        String romeoName = running.newAccount(PASSWORD);
        PepClients.befriend(running, julietName, romeoName);
        romeo = RawClient.authenticated(running, romeoName, PASSWORD);
        romeoJid = RawClient.bind(romeo, "orchard");
        romeo.send("<presence/>");
        ping(romeo);
        juliet = connectJuliet("balcony");
    }

    @AfterEach
    void disconnect() throws IOException {
        juliet.close();
        romeo.close();
    }

    private RawXmppSocket connectJuliet(String resource) throws IOException {
        RawXmppSocket raw = RawClient.authenticated(running, julietName, PASSWORD);
        julietJid = RawClient.bind(raw, resource);
        return raw;
    }

    @Test
    void aPepAvatarsHashReachesContactsAndTheUsersOwnSession() throws Exception {
        byte[] image = png(3, 2);
        publishAvatar(image, true);

        String sent = sendPresence(juliet, "", "<show>chat</show>");
        Element seenByRomeo = presenceSeen(romeo, sent);
        Element seenByJuliet = presenceSeen(juliet, sent);

        assertThat(photos(seenByRomeo)).containsExactly(sha1(image));
        assertThat(seenByRomeo.attribute("from")).isEqualTo(julietJid);
        assertThat(text(seenByRomeo, "show")).isEqualTo("chat");
        // the client learns its own avatar's hash from the reflection, with no vCard to fetch
        assertThat(photos(seenByJuliet)).containsExactly(sha1(image));
    }

    @Test
    void withoutAnAvatarPresenceSaysThereIsNoImage() throws Exception {
        String sent = sendPresence(juliet, "", "");

        assertThat(photos(presenceSeen(romeo, sent))).containsExactly("");
    }

    @Test
    void aVCardPhotoIsAdvertisedAndAClientsWrongHashIsReplacedWhileAnEmptyPhotoStands() throws Exception {
        byte[] image = png(4, 5);
        setVCard("<PHOTO><TYPE>image/png</TYPE><BINVAL>" + Base64.getEncoder().encodeToString(image) + "</BINVAL></PHOTO>");

        String plain = sendPresence(juliet, "", "");
        String wrong = sendPresence(juliet, "", X + "<photo>0123456789abcdef0123456789abcdef01234567</photo></x>");
        String notReady = sendPresence(juliet, "", X + "</x>");
        String noImage = sendPresence(juliet, "", X + "<photo/></x>");

        assertThat(photos(presenceSeen(romeo, plain))).containsExactly(sha1(image));
        assertThat(photos(presenceSeen(romeo, wrong))).containsExactly(sha1(image));
        // XEP-0398 section 4: an empty update element MUST be overwritten; an empty photo is the client's to say
        assertThat(photos(presenceSeen(romeo, notReady))).containsExactly(sha1(image));
        assertThat(photos(presenceSeen(romeo, noImage))).containsExactly("");
    }

    @Test
    void theNextPresenceAfterTheAvatarChangedCarriesTheNewHash() throws Exception {
        byte[] first = png(3, 2);
        byte[] second = png(6, 6);
        publishAvatar(first, true);
        String before = sendPresence(juliet, "", "");
        publishAvatar(second, true);
        String after = sendPresence(juliet, "", "");
        // XEP-0084 section 4.6: empty metadata, no avatar
        publish(METADATA, "none", "<metadata xmlns='" + METADATA + "'/>", false);
        String removed = sendPresence(juliet, "", "");

        assertThat(photos(presenceSeen(romeo, before))).containsExactly(sha1(first));
        assertThat(photos(presenceSeen(romeo, after))).containsExactly(sha1(second));
        assertThat(photos(presenceSeen(romeo, removed))).containsExactly("");
    }

    @Test
    void anAvatarOnlyContactsMayFetchIsNotAdvertisedToVCardClients() throws Exception {
        // PEP's default access model is presence: the image stays off the public vCard (docs/avatars.md), and a
        // hash would send XEP-0153 clients to a vCard without it
        publishAvatar(png(3, 2), false);

        String sent = sendPresence(juliet, "", "");

        assertThat(photos(presenceSeen(romeo, sent))).containsExactly("");
    }

    @Test
    void aNewSessionReadsTheHashTheLastOneLeftInTheVCard() throws Exception {
        byte[] image = png(5, 7);
        publishAvatar(image, true);
        juliet.close();
        // the account had no session left, so the new one reads the stored vCard
        ping(romeo);
        juliet = connectJuliet("garden");

        String sent = sendPresence(juliet, "", "");

        assertThat(photos(presenceSeen(romeo, sent))).containsExactly(sha1(image));
    }

    @Test
    void directedPresenceAndAMucJoinCarryTheHash() throws Exception {
        byte[] image = png(3, 2);
        publishAvatar(image, true);

        String directed = sendPresence(juliet, " to='" + romeoJid + "'", "");
        String room = MucRaw.room("avatars");
        String entered = MucRaw.enter(juliet, room, "juliet", "");
        String ownInRoom = entered.substring(entered.lastIndexOf("<presence", entered.indexOf("code='110'")));

        assertThat(photos(presenceSeen(romeo, directed))).containsExactly(sha1(image));
        assertThat(photos(StoredXml.read(ownInRoom.substring(0, ownInRoom.indexOf("</presence>") + "</presence>".length()))))
                .containsExactly(sha1(image));
    }

    @Test
    void severalOrMalformedUpdateElementsBecomeTheOneTheServerWrites() throws Exception {
        byte[] image = png(3, 2);
        publishAvatar(image, true);

        String several = sendPresence(juliet, "", X + "<photo>ffff</photo></x><priority>1</priority>" + X + "<photo/></x>" + X + "</x>");
        String malformed = sendPresence(juliet, "", X + "<photo><evil xmlns='urn:test'/>text</photo><photo/>junk</x>");

        Element severalSeen = presenceSeen(romeo, several);
        assertThat(photos(severalSeen)).containsExactly(sha1(image));
        assertThat(text(severalSeen, "priority")).isEqualTo("1");
        assertThat(presenceSeen(romeo, malformed).elements().stream().filter(e -> e.is("x", UPDATE)))
                .containsExactly(StoredXml.read(X + "<photo>" + sha1(image) + "</photo></x>"));
    }

    @Test
    void aSmackContactSeesTheHashOfTheAvatarASmackClientPublished() throws Exception {
        String aliceName = running.newAccount(PASSWORD);
        String bobName = running.newAccount(PASSWORD);
        PepClients.befriend(running, aliceName, bobName);
        XMPPTCPConnection bob = SmackClients.connect(running, bobName, PASSWORD, "desk");
        XMPPTCPConnection alice = SmackClients.connect(running, aliceName, PASSWORD, "phone");
        try {
            byte[] image = png(3, 2);
            AvatarConversionTest.publishAvatar(alice, sha1(image), Base64.getEncoder().encodeToString(image), image.length,
                    "pubsub#access_model", "open");
            StanzaCollector presences = bob.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createFull(alice.getUser()), stanza -> "with avatar".equals(((Presence) stanza).getStatus())));
            alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().setStatus("with avatar").build());
            Presence seen = presences.nextResultOrThrow(TimeUnit.SECONDS.toMillis(10));

            assertThat(seen.getExtensionElement("x", UPDATE).toXML().toString()).contains("<photo>" + sha1(image) + "</photo>");
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    /** Sends an available presence with a status naming it; returns that status, to find the presence by. */
    private String sendPresence(RawXmppSocket raw, String attributes, String children) throws IOException {
        String marker = "p" + ids.incrementAndGet();
        raw.send("<presence" + attributes + ">" + children + "<status>" + marker + "</status></presence>");
        return marker;
    }

    /** The presence whose status is {@code marker}, as {@code raw} receives it. */
    private static Element presenceSeen(RawXmppSocket raw, String marker) throws IOException {
        String before = raw.readUntil("<status>" + marker + "</status>");
        String xml = before.substring(before.lastIndexOf("<presence")) + raw.readUntil("</presence>");
        return StoredXml.read(xml);
    }

    private static String text(Element presence, String child) {
        return presence.elements().stream().filter(e -> e.name().equals(child)).findFirst().map(Element::text).orElse(null);
    }

    /** The text of the photo in each update element; null for an update element without photo. */
    private static List<String> photos(Element presence) {
        return presence.elements().stream().filter(e -> e.is("x", UPDATE)).map(x -> x.childText("photo", UPDATE)).toList();
    }

    /** XEP-0084 sections 4.1 and 4.2 by Juliet, the data node {@code open} or left to PEP's default (presence). */
    private void publishAvatar(byte[] image, boolean open) throws Exception {
        String id = sha1(image);
        publish(DATA, id, "<data xmlns='" + DATA + "'>" + Base64.getEncoder().encodeToString(image) + "</data>", open);
        publish(METADATA, id, "<metadata xmlns='" + METADATA + "'><info bytes='" + image.length + "' id='" + id
                + "' type='image/png'/></metadata>", false);
    }

    private void publish(String node, String itemId, String payload, boolean open) throws IOException {
        String id = "pub" + ids.incrementAndGet();
        String inner = open ? PepClients.publish(node, itemId, payload, "pubsub#access_model", "open")
                : PepClients.publish(node, itemId, payload);
        juliet.send("<iq type='set' id='" + id + "'><pubsub xmlns='" + PepClients.PUBSUB + "'>" + inner + "</pubsub></iq>");
        assertThat(MucRaw.untilIq(juliet, id)).contains("type='result'");
    }

    private void setVCard(String inner) throws IOException {
        String id = "vc" + ids.incrementAndGet();
        juliet.send("<iq type='set' id='" + id + "'><vCard xmlns='vcard-temp'>" + inner + "</vCard></iq>");
        assertThat(MucRaw.untilIq(juliet, id)).contains("type='result'");
    }

    /** Returns once the server has handled everything {@code raw} sent before. */
    private void ping(RawXmppSocket raw) throws IOException {
        String id = "ping" + ids.incrementAndGet();
        raw.send("<iq type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        MucRaw.untilIq(raw, id);
    }
}
