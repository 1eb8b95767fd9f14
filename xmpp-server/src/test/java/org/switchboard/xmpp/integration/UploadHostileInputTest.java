package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.FileTooLargeError;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.xep.upload.UploadSettings;

/**
 * What XEP-0363 and the HTTP side refuse, each with the error the XEP or RFC 9110 names: slots too large, over
 * quota or with a bad name; PUTs without the slot's token, with another slot's token, longer or shorter than
 * the slot, or twice; URLs with path tricks.
 */
class UploadHostileInputTest {

    private static final long MAX_FILE = 1024 * 1024;
    @StartedServer(settings = "smallUploads") private static RunningServer server;
    private static HttpClient http;
    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;

    static XmppSettings smallUploads(XmppSettings settings) {
        return settings.with(c -> c.upload = UploadSettings.DEFAULTS.withLimits(MAX_FILE, 3 * MAX_FILE));
    }

    @BeforeAll
    static void start() throws Exception {
        http = UploadClients.http(server);
        alice = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", server.newAccount("a-long-password"), "a-long-password");
        bob = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", server.newAccount("a-long-password"), "a-long-password");
    }

    @AfterAll
    static void stop() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void aSlotOverTheSizeLimitIsNotAcceptableAndSaysTheLimit() throws Exception {
        XMPPErrorException refused = slotError(alice, "big.bin", MAX_FILE + 1);

        assertThat(refused.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        FileTooLargeError detail = FileTooLargeError.from((org.jivesoftware.smack.packet.IQ) refused.getStanza());
        assertThat(detail).isNotNull();
        assertThat(detail.getMaxFileSize()).isEqualTo(MAX_FILE);
    }

    @Test
    void slotsBeyondTheAccountsQuotaAreAResourceConstraint() throws Exception {
        XMPPTCPConnection carol = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", server.newAccount("a-long-password"),
                "a-long-password");
        HttpFileUploadManager uploads = UploadClients.uploads(server, carol);
        for (int i = 0; i < 3; i++) {
            uploads.requestSlot("part" + i + ".bin", MAX_FILE, "application/octet-stream");
        }

        assertThat(slotError(carol, "one-more.bin", 1).getStanzaError().getCondition())
                .isEqualTo(StanzaError.Condition.resource_constraint);
        carol.disconnect();
    }

    @Test
    void filenamesWithPathsOrControlCharactersAreBadRequests() throws Exception {
        for (String name : new String[] {"../../etc/passwd", "a/b.txt", "..", "back\\slash.txt", "next\u0085line.txt"}) {
            assertThat(slotError(alice, name, 10).getStanzaError().getCondition()).as(name).isEqualTo(StanzaError.Condition.bad_request);
        }
    }

    @Test
    void aPutNeedsItsOwnSlotsToken() throws Exception {
        Slot mine = slot(alice, "mine.txt", 5);
        Slot theirs = slot(bob, "theirs.txt", 5);
        String url = mine.getPutUrl().toString();

        assertThat(UploadClients.put(http, url, null, "hello".getBytes()).statusCode()).isEqualTo(403);
        assertThat(UploadClients.put(http, url, "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "hello".getBytes()).statusCode()).isEqualTo(403);
        // another account's slot token does not open this slot
        assertThat(UploadClients.put(http, url, UploadClients.authorization(theirs), "hello".getBytes()).statusCode()).isEqualTo(403);
        // the token under another name of the same id: refused too
        String renamed = url.substring(0, url.lastIndexOf('/') + 1) + "other.txt";
        assertThat(UploadClients.put(http, renamed, UploadClients.authorization(mine), "hello".getBytes()).statusCode()).isEqualTo(403);
        assertThat(UploadClients.get(http, mine.getGetUrl().toString()).statusCode()).isEqualTo(404);

        assertThat(UploadClients.put(http, url, UploadClients.authorization(mine), "hello".getBytes()).statusCode()).isEqualTo(201);
        assertThat(UploadClients.put(http, url, UploadClients.authorization(mine), "again".getBytes()).statusCode()).isEqualTo(409);
        assertThat(UploadClients.get(http, mine.getGetUrl().toString()).body()).isEqualTo("hello".getBytes());
    }

    @Test
    void aPutMustBeExactlyTheSlotsSize() throws Exception {
        Slot slot = slot(alice, "exact.bin", 1000);
        String url = slot.getPutUrl().toString();
        String token = UploadClients.authorization(slot);

        HttpResponse<String> longer = UploadClients.put(http, url, token, new byte[200_000]);
        assertThat(longer.statusCode()).isEqualTo(413);
        assertThat(longer.body()).contains("1000");
        assertThat(UploadClients.put(http, url, token, new byte[999]).statusCode()).isEqualTo(400);
        // a body without a declared length
        HttpResponse<String> streamed = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[1000]))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(411);

        // the refusals left the slot usable
        assertThat(UploadClients.put(http, url, token, new byte[1000]).statusCode()).isEqualTo(201);
    }

    @Test
    void anUploadCutOffHalfwayLeavesNoFileAndTheSlotUsable() throws Exception {
        Slot slot = slot(alice, "cut.bin", 100_000);
        java.net.URL put = slot.getPutUrl();
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) server.sslContext.getSocketFactory()
                .createSocket(java.net.InetAddress.getLoopbackAddress(), server.server.httpsPort())) {
            socket.getOutputStream().write(("PUT " + put.getFile() + " HTTP/1.1\r\nHost: " + put.getHost() + "\r\nAuthorization: "
                    + UploadClients.authorization(slot) + "\r\nContent-Length: 100000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[50_000]);
            socket.getOutputStream().flush();
        }
        String id = slot.getGetUrl().getPath().split("/")[2];
        java.nio.file.Path dir = server.dataDir.resolve("uploads").resolve(id.substring(0, 2));

        int[] status = new int[1];
        Eventually.until("the slot is usable again after the cut-off upload", Duration.ofSeconds(30), () -> {
            try {
                status[0] = UploadClients.put(http, put.toString(), UploadClients.authorization(slot), new byte[100_000]).statusCode();
                return status[0] == 201;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(dir.resolve(id + ".part")).doesNotExist();
        assertThat(java.nio.file.Files.size(dir.resolve(id))).isEqualTo(100_000);
    }

    @Test
    void pathTricksInUrlsAreRefused() throws Exception {
        Slot slot = slot(alice, "secret.txt", 6);
        assertThat(UploadClients.put(http, slot.getPutUrl().toString(), UploadClients.authorization(slot), "secret".getBytes()).statusCode())
                .isEqualTo(201);
        String base = "https://" + RunningServer.DOMAIN + ":" + server.server.httpsPort();
        String id = slot.getGetUrl().getPath().split("/")[2];

        for (String path : new String[] {"/upload/" + id + "/..%2f..%2fetc%2fpasswd", "/upload/" + id + "/%2e%2e",
                "/upload/" + id + "/a%5cb", "/upload/" + id + "/x%00.txt", "/upload/" + id + "/%C0%AE",
                "/upload/" + id + "/secret.txt/extra", "/upload/..%2f" + id + "/secret.txt", "/upload/short/secret.txt"}) {
            assertThat(UploadClients.get(http, base + path).statusCode()).as(path).isEqualTo(400);
        }
        // the right id under another name, and an unknown id, are simply not there
        assertThat(UploadClients.get(http, base + "/upload/" + id + "/other.txt").statusCode()).isEqualTo(404);
        assertThat(UploadClients.get(http, base + "/upload/" + "A".repeat(32) + "/secret.txt").statusCode()).isEqualTo(404);
        assertThat(UploadClients.get(http, base + "/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void webClientsGetTheirPreflightAnswered() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("https://" + RunningServer.DOMAIN + ":"
                        + server.server.httpsPort() + "/upload/" + "A".repeat(32) + "/x.png"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://web.example")
                .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
    }

    private static Slot slot(XMPPTCPConnection connection, String name, long size) throws Exception {
        return UploadClients.uploads(server, connection).requestSlot(name, size, "application/octet-stream");
    }

    /** The error to a slot request sent as is (Smack's manager checks the size limit itself before asking). */
    private static XMPPErrorException slotError(XMPPTCPConnection connection, String name, long size) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> connection.sendIqRequestAndWaitForResponse(
                new SlotRequest(JidCreate.domainBareFrom("upload." + RunningServer.DOMAIN), name, size, "text/plain")));
        assertThat(thrown).isInstanceOf(XMPPErrorException.class);
        return (XMPPErrorException) thrown;
    }
}
