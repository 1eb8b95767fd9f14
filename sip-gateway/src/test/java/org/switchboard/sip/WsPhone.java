package org.switchboard.sip;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.switchboard.common.tls.TlsCertificate;

/**
 * A browser phone as RFC 7118 describes it, played by the JDK's WebSocket client: the {@code sip}
 * subprotocol, a made-up {@code .invalid} host in Via and Contact, SIP text in text frames.
 */
final class WsPhone implements AutoCloseable {

    final WebSocket socket;
    String host = UUID.randomUUID().toString().substring(0, 12) + ".invalid";
    String contact;
    final String user;
    private final String password;
    private final String transport;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int cseq = 1;

    private WsPhone(WebSocket socket, String user, String password, String transport, Listener listener) {
        this.socket = socket;
        this.user = user;
        this.password = password;
        this.transport = transport;
        this.contact = "sip:" + UUID.randomUUID().toString().substring(0, 8) + "@" + host + ";transport=" + transport;
        listener.phone = this;
    }

    /** Connects to {@code ws://127.0.0.1:port/} offering the {@code sip} subprotocol. */
    static WsPhone connect(int port, String user, String password) {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), listener).join();
        return new WsPhone(socket, user, password, "ws", listener);
    }

    /** Connects to {@code wss://127.0.0.1:port/} trusting {@code certificate} (issued for the domain, not 127.0.0.1). */
    static WsPhone connectSecure(int port, TlsCertificate certificate, String user, String password) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trusting(certificate.leaf())}, null);
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder().subprotocols("sip")
                .buildAsync(URI.create("wss://127.0.0.1:" + port + "/"), listener).join();
        return new WsPhone(socket, user, password, "wss", listener);
    }

    /** From now on claims {@code madeUpHost} (another phone's) in its Via and Contact. */
    WsPhone withContactHost(String madeUpHost) {
        host = madeUpHost;
        contact = "sip:" + UUID.randomUUID().toString().substring(0, 8) + "@" + host + ";transport=" + transport;
        return this;
    }

    void send(String sip) {
        socket.sendText(sip.replace("\r\n", "\n").replace("\n", "\r\n"), true).join();
    }

    /** The next message {@code wanted} accepts within {@code within}; null when none came. */
    String await(Predicate<String> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        return null;
    }

    String register(String domain, String callId) throws InterruptedException {
        String request = "REGISTER sip:" + domain + " SIP/2.0\n"
                + "Via: SIP/2.0/" + transport.toUpperCase() + " " + host + ";branch=%s\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=ws\n"
                + "To: <sip:" + user + "@" + domain + ">\n"
                + "Call-ID: " + callId + "\nCSeq: %d REGISTER\n"
                + "Contact: <" + contact + ">;expires=600\n"
                + "Max-Forwards: 70\n%sContent-Length: 0\n\n";
        int first = cseq++;
        send(String.format(request, RawSipClient.branch(), first, ""));
        String challenged = await(m -> m.contains("CSeq: " + first + " REGISTER"), Duration.ofSeconds(10));
        if (challenged == null || !challenged.startsWith("SIP/2.0 401")) {
            return challenged;
        }
        Map<String, String> challenge = RawSipClient.challenge(challenged, "MD5");
        String authorization = "Authorization: " + RawSipClient.md5Credentials(user, password, "REGISTER", "sip:" + domain, challenge)
                + "\n";
        int second = cseq++;
        send(String.format(request, RawSipClient.branch(), second, authorization));
        return await(m -> m.contains("CSeq: " + second + " REGISTER"), Duration.ofSeconds(10));
    }

    /** The callee's answer to {@code invite}, with a To tag and this phone's Contact. */
    void answer(String invite, int status, String reason) {
        StringBuilder response = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String line : invite.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("Record-Route:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                response.append(line).append('\n');
            } else if (line.startsWith("To:")) {
                response.append(line).append(";tag=ws-callee\n");
            }
        }
        response.append("Contact: <").append(contact).append(">\nContent-Length: 0\n\n");
        send(response.toString());
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile WsPhone phone;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                phone.received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            phone.closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            phone.closed.complete(-1);
        }
    }

    /** Trusts exactly {@code certificate}, without checking the host name (the test connects to 127.0.0.1). */
    private static X509TrustManager trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509TrustManager base = (X509TrustManager) factory.getTrustManagers()[0];
        return new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String auth, Socket s) { throw new UnsupportedOperationException(); }
            @Override public void checkServerTrusted(X509Certificate[] chain, String auth, Socket s) throws java.security.cert.CertificateException { base.checkServerTrusted(chain, auth); }
            @Override public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine e) { throw new UnsupportedOperationException(); }
            @Override public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine e) throws java.security.cert.CertificateException { base.checkServerTrusted(chain, auth); }
            @Override public void checkClientTrusted(X509Certificate[] chain, String auth) { throw new UnsupportedOperationException(); }
            @Override public void checkServerTrusted(X509Certificate[] chain, String auth) throws java.security.cert.CertificateException { base.checkServerTrusted(chain, auth); }
            @Override public X509Certificate[] getAcceptedIssuers() { return base.getAcceptedIssuers(); }
        };
    }
}
