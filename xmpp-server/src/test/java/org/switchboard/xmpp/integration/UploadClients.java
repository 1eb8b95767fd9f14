package org.switchboard.xmpp.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;

/** A plain JDK HTTP client trusting exactly the test server's certificate, and Smack's upload manager set up likewise. */
final class UploadClients {

    private UploadClients() {
    }

    static HttpClient http(RunningServer running) {
        return HttpClient.newBuilder()
                .sslContext(running.sslContext)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    static HttpFileUploadManager uploads(RunningServer running, XMPPTCPConnection connection) {
        HttpFileUploadManager manager = HttpFileUploadManager.getInstanceFor(connection);
        manager.setTlsContext(running.sslContext);
        return manager;
    }

    static HttpResponse<byte[]> get(HttpClient http, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PUT of {@code body} to the slot's URL with the given Authorization header (null: none). */
    static HttpResponse<String> put(HttpClient http, String url, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String authorization(Slot slot) {
        return slot.getHeaders().get("Authorization");
    }
}
