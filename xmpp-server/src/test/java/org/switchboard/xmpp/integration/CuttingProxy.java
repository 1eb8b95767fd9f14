package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network between this server and a peer, as a TCP relay the test can break: {@link #blackHole()} makes the
 * connections open now swallow what this server sends (as a dead route does), {@link #reset()} then ends them with a
 * reset. Connections made afterwards are relayed normally. It sees only TLS bytes; it is the outside world, not ours.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicLong swallowed = new AtomicLong();

    private record Pair(Socket inside, Socket outside, AtomicBoolean blackHoled, AtomicBoolean backBlackHoled) {
    }

    CuttingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket inside = listener.accept();
                Socket outside = new Socket(targetHost, targetPort);
                Pair pair = new Pair(inside, outside, new AtomicBoolean(), new AtomicBoolean());
                pairs.add(pair);
                relay(inside, outside, pair.blackHoled());
                relay(outside, inside, pair.backBlackHoled());
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, AtomicBoolean blackHoled) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (blackHoled.get()) {
                        swallowed.addAndGet(read);
                    } else {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ended) {
                // the other side or the test closed it
            }
        }, "cutting-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** What this server sends over the connections open now is swallowed from here on. */
    void blackHole() {
        pairs.forEach(pair -> pair.blackHoled().set(true));
    }

    /** What the target sends back over the connections open now is swallowed from here on (the other way stays open). */
    void blackHoleBack() {
        pairs.forEach(pair -> pair.backBlackHoled().set(true));
    }

    /** Bytes swallowed since {@link #blackHole()} or {@link #blackHoleBack()}. */
    long swallowed() {
        return swallowed.get();
    }

    /** Ends the connections open now with a reset, both sides. */
    void reset() {
        for (Pair pair : pairs) {
            for (Socket socket : List.of(pair.inside(), pair.outside())) {
                try {
                    socket.setSoLinger(true, 0);
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
        pairs.clear();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        reset();
    }
}
