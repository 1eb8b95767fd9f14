package org.switchboard.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.host.radio.TestRadio.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.common.account.AccountKind;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.mms.MediaHttp;
import org.switchboard.host.mms.MediaSource;
import java.time.Instant;
import org.switchboard.host.pairing.HostCredentials;
import org.switchboard.host.protocol.MediaRef;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.radio.MmsRequest;
import org.switchboard.host.radio.TestRadio;

/**
 * MMS end to end with the real pieces: a person's Smack client uploads with XEP-0363 and sends the URL (OOB and
 * body, as Conversations does) to {@code +…@sms.<domain>}; the real server's gateway makes a send command with
 * {@code <media>}; the real host core downloads it over pinned TLS and hands the bytes to the test radio. And back:
 * the radio receives an MMS, the host uploads it with XEP-0363, and the person gets a chat message with OOB.
 */
class MmsEndToEndTest {

    private static final String PASSWORD = "a password that is long enough 0123456789";
    private static final String OOB = "jabber:x:oob";
    private static TestServer server;

    private XMPPTCPConnection person;
    private final List<Message> personGot = new CopyOnWriteArrayList<>();
    private TestRadio radio;
    private HostCore host;
    private HostSettings settings;
    private MediaHttp http;
    private MediaSource source;

    @BeforeAll
    static void startServer() throws Exception {
        OobProvider.register();
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void pairAndStart() throws Exception {
        String owner = server.newAccount(AccountKind.PERSON, PASSWORD);
        String hostUser = server.pairHost(owner, PASSWORD);
        Path dir = Files.createTempDirectory("host-queue");
        settings = HostSettings.defaults(server.hostCredentials(hostUser, PASSWORD, TestServer.GATEWAY), server.trust, dir, "1.0.0-e2e")
                .withThrottle(60_000, 1_000).withReplyTimeout(Duration.ofSeconds(5));
        radio = new TestRadio().withMms().autoDelivered();
        person = server.client(owner, PASSWORD, "phone", personGot);
        // the person's PUT and GET dial loopback while naming the server's domain, as the host core does
        http = new MediaHttp(server.trust, Duration.ofSeconds(30));
        source = new MediaSource(TestServer.DOMAIN, "127.0.0.1");
        host = new HostCore(settings, radio);
        host.start();
        await("the host online", 20, this::isOnline);
    }

    @AfterEach
    void stop() {
        host.close();
        person.disconnect();
    }

    private boolean isOnline() {
        return server.db.sql("SELECT count(*) AS n FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id "
                        + "JOIN accounts a ON a.id = h.account_id WHERE a.localpart = :host")
                .bind("host", settings.credentials().localpart())
                .map(row -> row.get("n", Long.class)).one().block() == 2;
    }

    /** XEP-0363 as a client does it: a slot from upload.<domain>, then the PUT with the slot's headers. */
    private String upload(byte[] bytes, String type, String filename) throws Exception {
        HttpFileUploadManager uploads = HttpFileUploadManager.getInstanceFor(person);
        assertThat(uploads.discoverUploadService()).isTrue();
        Slot slot = uploads.requestSlot(filename, bytes.length, type);
        Map<String, String> headers = new LinkedHashMap<>(slot.getHeaders());
        headers.put("Content-Type", type);
        MediaHttp.Response put = http.put(source.target(slot.getPutUrl().toString()), headers, bytes);
        assertThat(put.status()).isEqualTo(201);
        return slot.getGetUrl().toString();
    }

    /** Like Conversations: the URL as the body and as XEP-0066 OOB. */
    private void sendUrl(String to, String id, String url) throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage(id)
                .to(JidCreate.entityBareFrom(to + "@" + TestServer.GATEWAY))
                .ofType(Message.Type.chat).setBody(url)
                .addExtension(StandardExtensionElement.builder("x", OOB).addElement("url", url).build())
                .addExtension(new DeliveryReceiptRequest()).build());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
    }

    static byte[] picture(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        bytes[0] = (byte) 0xff; // a JPEG's first bytes, for the eye in a debugger
        bytes[1] = (byte) 0xd8;
        return bytes;
    }

    private Message errorFor(String id) throws InterruptedException {
        await("the error for " + id, 20, () -> personGot.stream().anyMatch(m -> id.equals(m.getStanzaId()) && m.getType() == Message.Type.error));
        return personGot.stream().filter(m -> id.equals(m.getStanzaId()) && m.getType() == Message.Type.error).findFirst().orElseThrow();
    }

    @Test
    void aPictureUploadedWithXep0363LeavesAsAnMmsWithTheSameBytesAndType() throws Exception {
        byte[] picture = picture(150_000);
        String url = upload(picture, "image/jpeg", "cat.jpg");
        sendUrl("+15557654321", "mms-1", url);

        await("the radio got the MMS", 30, () -> radio.sentMms().size() == 1);
        MmsRequest mms = radio.sentMms().get(0);
        assertThat(mms.to()).containsExactly("+15557654321");
        assertThat(mms.text()).as("the URL in the body is not sent as text too").isEmpty();
        assertThat(mms.media()).hasSize(1);
        assertThat(mms.media().get(0).type()).isEqualTo("image/jpeg");
        assertThat(mms.media().get(0).bytes()).isEqualTo(picture);
        assertThat(radio.sent()).as("no SMS besides").isEmpty();
        await("the receipt", 20, () -> personGot.stream().anyMatch(m -> DeliveryReceipt.from(m) != null
                && "mms-1".equals(DeliveryReceipt.from(m).getId())));
    }

    @Test
    void mediaGoneBeforeThePhoneFetchesItFailsTheMessageWithTheReason() throws Exception {
        String url = upload(picture(2_000), "image/jpeg", "gone.jpg");
        host.close(); // the phone is away: the MMS waits queued
        sendUrl("+15557654321", "gone-1", url);
        String id = url.split("/")[4];
        server.db.sql("DELETE FROM upload_files WHERE id = :id").bind("id", id).then().block();
        host = new HostCore(settings, radio);
        host.start();
        Message error = errorFor("gone-1");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.recipient_unavailable);
        assertThat(error.getError().getDescriptiveText()).contains("media refused").contains("404");
        assertThat(radio.sentMms()).isEmpty();
    }

    @Test
    void aGroupTextGoesOutAsOneMmsToEveryRecipient() throws Exception {
        person.sendStanza(StanzaBuilder.buildMessage("group-1")
                .to(JidCreate.entityBareFrom("+15551112222,+15557654321@" + TestServer.GATEWAY))
                .ofType(Message.Type.chat).setBody("dinner at 8?").build());
        await("the radio got the MMS", 30, () -> radio.sentMms().size() == 1);
        assertThat(radio.sentMms().get(0).to()).containsExactlyInAnyOrder("+15551112222", "+15557654321");
        assertThat(radio.sentMms().get(0).text()).isEqualTo("dinner at 8?");
        assertThat(radio.sentMms().get(0).media()).isEmpty();
    }

    @Test
    void aUrlThatIsNotThisServersUploadIsRefusedAndNeverReachesThePhone() throws Exception {
        sendUrl("+15557654321", "foreign-1", "https://example.com/upload/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cat.jpg");
        Message error = errorFor("foreign-1");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(error.getError().getDescriptiveText()).contains("is not a file of this server's upload service");
        // and a URL on this server's upload service that names no stored file
        String real = upload(picture(10), "image/png", "dot.png");
        sendUrl("+15557654321", "foreign-2", real.replace("dot.png", "other.png"));
        assertThat(errorFor("foreign-2").getError().getDescriptiveText()).contains("is not a file of this server's upload service");
        assertThat(radio.sentMms()).isEmpty();
        assertThat(radio.sent()).isEmpty();
    }

    @Test
    void mediaOverTheMmsLimitIsRefusedWithTheSizes() throws Exception {
        String url = upload(picture(1024 * 1024 + 1), "image/jpeg", "big.jpg");
        sendUrl("+15557654321", "big-1", url);
        Message error = errorFor("big-1");
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(error.getError().getDescriptiveText()).contains("1048577 bytes").contains("at most 1048576");
        assertThat(radio.sentMms()).isEmpty();
    }

    @Test
    void anIncomingMmsBecomesAChatMessageWithOobWhoseUrlDownloadsTheSameBytes() throws Exception {
        byte[] picture = picture(80_000);
        radio.receiveMms("+15557654321", List.of(), "look at this", List.of(new MediaPart(picture, "image/jpeg")));

        Message chat = awaitMms();
        assertThat(chat.getFrom().toString()).isEqualTo("+15557654321@" + TestServer.GATEWAY);
        String url = oobUrl(chat);
        assertThat(chat.getBody()).contains("look at this").contains(url);
        MediaHttp.Response download = http.get(source.target(url), 10_000_000);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().get("content-type")).startsWith("image/jpeg");
        assertThat(download.body()).isEqualTo(picture);
        await("the host's queue empty", 20, () -> host.queue().unacknowledged().isEmpty());
    }

    @Test
    void anMmsReceivedWhileTheHostCannotUploadArrivesExactlyOnceAfterARestart() throws Exception {
        host.close();
        // a host that cannot reach the server (a port nobody listens on): the MMS waits on the device
        HostCredentials good = settings.credentials();
        HostCredentials unreachable = new HostCredentials(good.hostId(), good.jid(), good.password(), good.xmppHost(), 1, good.gateway());
        HostSettings offline = HostSettings.defaults(unreachable, server.trust, settings.dataDir(), "1.0.0-e2e");
        TestRadio phone = new TestRadio().withMms();
        try (HostCore cut = new HostCore(offline, phone)) {
            cut.start();
            phone.receiveMms("+15557654321", List.of(), "", List.of(new MediaPart(picture(5_000), "image/png")));
        } // stopped with the MMS stored, not uploaded, not reported
        assertThat(Files.list(settings.dataDir().resolve("inbound-mms")).count()).isEqualTo(1);

        host = new HostCore(settings, radio);
        host.start();
        Message chat = awaitMms();
        assertThat(oobUrl(chat)).endsWith(".png");
        await("the host's queue and store empty", 20, () -> host.queue().unacknowledged().isEmpty() && storeEmpty());
        // a crash after the event was queued but before the files went queues it again under the same id: once only
        String id = server.db.sql("SELECT host_event_id FROM sms_messages m JOIN sms_hosts h ON h.id = m.host_id "
                        + "JOIN accounts a ON a.id = h.account_id WHERE a.localpart = :host AND m.direction = 'in'")
                .bind("host", settings.credentials().localpart()).map(row -> row.get("host_event_id", String.class)).one().block();
        host.queue().enqueue(Payloads.inbound(id, InboundSms.of("+15557654321", 1, "", Instant.now()),
                List.of(new MediaRef(oobUrl(chat), "image/png", 5_000))).toXml());
        await("the repeat acknowledged", 20, () -> host.queue().unacknowledged().isEmpty());
        assertThat(PingManager.getInstanceFor(person).pingMyServer(true)).isTrue();
        assertThat(mmsChats()).hasSize(1);
    }

    private boolean storeEmpty() {
        try {
            return Files.list(settings.dataDir().resolve("inbound-mms")).count() == 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Message> mmsChats() {
        return personGot.stream().filter(m -> m.getType() == Message.Type.chat && m.hasExtension("x", OOB)).toList();
    }

    private Message awaitMms() throws InterruptedException {
        await("the person got the MMS", 30, () -> !mmsChats().isEmpty());
        return mmsChats().get(0);
    }

    private static String oobUrl(Message chat) {
        return OobProvider.url(chat);
    }
}
