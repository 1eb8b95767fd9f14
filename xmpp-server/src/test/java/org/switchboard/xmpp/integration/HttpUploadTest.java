package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.integration.SmackClients.Transport;
import org.switchboard.xmpp.xep.upload.UploadSettings;

/**
 * XEP-0363 end to end: Smack finds {@code upload.<domain>} through the server's disco#items, requests a slot
 * and PUTs a file; a plain HTTP client gets the same bytes back, whole and in ranges, with the headers that
 * keep a browser from running it; an account's files go with the account.
 */
class HttpUploadTest {

    private static final long MAX_FILE = 2L * 1024 * 1024;
    @StartedServer(settings = "smallUploads") private static RunningServer server;
    private static HttpClient http;

    @TempDir
    Path dir;

    static XmppSettings smallUploads(XmppSettings settings) {
        return settings.with(c -> c.upload = UploadSettings.DEFAULTS.withLimits(MAX_FILE, 3 * MAX_FILE));
    }

    @BeforeAll
    static void start() throws Exception {
        http = UploadClients.http(server);
    }

    @Test
    void smackUploadsAndAPlainClientDownloadsTheSameBytes() throws Exception {
        XMPPTCPConnection connection = login();
        HttpFileUploadManager uploads = UploadClients.uploads(server, connection);
        assertThat(uploads.discoverUploadService()).isTrue();
        assertThat(uploads.getDefaultUploadService().getAddress().toString()).isEqualTo("upload." + RunningServer.DOMAIN);
        assertThat(uploads.getDefaultUploadService().getMaxFileSize()).isEqualTo(MAX_FILE);
        byte[] content = randomBytes(300_000);
        Path file = dir.resolve("holiday photo.jpg");
        Files.write(file, content);

        URL url = uploads.uploadFile(file.toFile());

        assertThat(url.toString()).startsWith("https://" + RunningServer.DOMAIN + ":" + server.server.httpsPort() + "/upload/")
                .endsWith("/holiday%20photo.jpg");
        HttpResponse<byte[]> whole = UploadClients.get(http, url.toString());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(whole.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        HttpResponse<Void> head = http.send(java.net.http.HttpRequest.newBuilder(url.toURI())
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("300000");

        HttpResponse<byte[]> middle = UploadClients.get(http, url.toString(), "Range", "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/300000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

        HttpResponse<byte[]> tail = UploadClients.get(http, url.toString(), "Range", "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));

        HttpResponse<byte[]> beyond = UploadClients.get(http, url.toString(), "Range", "bytes=300000-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */300000");
        connection.disconnect();
    }

    @Test
    void picturesAreShownInlineAndEverythingElseIsADownload() throws Exception {
        XMPPTCPConnection connection = login();
        HttpFileUploadManager uploads = UploadClients.uploads(server, connection);
        String picture = upload(uploads, "cat.png", "image/png", randomBytes(100));
        String page = upload(uploads, "page.html", "text/html", "<script>alert(1)</script>".getBytes());
        String drawing = upload(uploads, "drawing.svg", "image/svg+xml", "<svg/>".getBytes());

        HttpResponse<byte[]> png = UploadClients.get(http, picture);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Content-Disposition")).hasValue("inline; filename*=UTF-8''cat.png");
        HttpResponse<byte[]> html = UploadClients.get(http, page);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(html.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''page.html");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(UploadClients.get(http, drawing).headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        connection.disconnect();
    }

    @Test
    void anAccountsFilesGoWithTheAccount() throws Exception {
        String name = server.newAccount("a-long-password");
        XMPPTCPConnection connection = SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", name, "a-long-password");
        String url = upload(UploadClients.uploads(server, connection), "notes.txt", "text/plain", randomBytes(5000));
        assertThat(UploadClients.get(http, url).statusCode()).isEqualTo(200);
        String id = url.split("/")[4];
        Path stored = server.dataDir.resolve("uploads").resolve(id.substring(0, 2)).resolve(id);
        assertThat(stored).exists();

        assertThat(server.accounts.delete(name).block()).isTrue();

        // the sweep deletes the file first and its row after it (ADR 0031), so the row may outlive the file a moment
        Eventually.until("the file of the deleted account is gone", Duration.ofSeconds(30), () -> !Files.exists(stored));
        Eventually.until("the row of the deleted account's file is gone", Duration.ofSeconds(30),
                () -> server.db.sql("SELECT count(*) AS n FROM upload_files WHERE id = :id").bind("id", id)
                        .map(row -> row.get("n", Long.class)).one().block() == 0);
        assertThat(UploadClients.get(http, url).statusCode()).isEqualTo(404);
    }

    private static String upload(HttpFileUploadManager uploads, String filename, String type, byte[] body) throws Exception {
        Slot slot = uploads.requestSlot(filename, body.length, type);
        HttpResponse<String> put = UploadClients.put(http, slot.getPutUrl().toString(), UploadClients.authorization(slot), body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return slot.getGetUrl().toString();
    }

    private static XMPPTCPConnection login() throws Exception {
        String name = server.newAccount("a-long-password");
        return SmackClients.connect(server, Transport.STARTTLS, "SCRAM-SHA-256", name, "a-long-password");
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
