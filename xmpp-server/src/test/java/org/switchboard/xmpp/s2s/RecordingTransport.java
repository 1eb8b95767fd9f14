package org.switchboard.xmpp.s2s;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection under an outgoing stream, for tests that drive the stream by hand without a socket (the Netty seam):
 * it records what is written and whether it was closed or its reading paused, and runs tasks at once, as if on the
 * connection's thread.
 */
final class RecordingTransport implements OutgoingTransport {

    final List<String> written = new ArrayList<>();
    /** The certificates the peer presented; none unless a test sets them. */
    List<X509Certificate> chain = List.of();
    boolean paused;
    boolean closed;

    @Override
    public void send(String xml) {
        written.add(xml);
    }

    @Override
    public void startTls(Runnable then) {
    }

    @Override
    public void restartParser() {
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return chain;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
