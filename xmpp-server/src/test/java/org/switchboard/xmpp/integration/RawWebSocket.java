package org.switchboard.xmpp.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client (an implementation nobody here wrote) on the test server's {@code /ws}, with the
 * XMPP written out by hand: for the exact wire form and for input no XMPP library would send.
 */
final class RawWebSocket implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    final WebSocket socket;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** The close frame's status code, or -1 when the connection ended without one. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawWebSocket(HttpClient http, URI uri, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connected with the subprotocol {@code xmpp}. */
    static RawWebSocket connect(RunningServer running) {
        return new RawWebSocket(UploadClients.http(running), uri(running), "xmpp");
    }

    static RawWebSocket connect(RunningServer running, String... subprotocols) {
        return new RawWebSocket(UploadClients.http(running), uri(running), subprotocols);
    }

    static URI uri(RunningServer running) {
        return URI.create("wss://" + RunningServer.DOMAIN + ":" + running.server.httpsPort() + "/ws");
    }

    RawWebSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** One fragment of a message; the message ends with the fragment sent with {@code last}. */
    RawWebSocket sendPart(String text, boolean last) {
        socket.sendText(text, last).join();
        return this;
    }

    /** The next whole message, failing after 30 s. */
    String next() throws InterruptedException {
        String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT_SECONDS + " s");
        }
        return message;
    }

    /** Reads messages until one contains {@code fragment}, and returns it. */
    String until(String fragment) throws InterruptedException {
        for (;;) {
            String message = next();
            if (message.contains(fragment)) {
                return message;
            }
        }
    }

    int closeCode() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            messages.add("BINARY");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add("CLOSE " + statusCode + " " + reason);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
