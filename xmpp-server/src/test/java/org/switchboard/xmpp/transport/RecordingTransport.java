package org.switchboard.xmpp.transport;

import java.util.concurrent.Executor;
import org.switchboard.xmpp.stream.StreamTransport;

/** A transport that records what the stream writes and runs asynchronous work inline. */
final class RecordingTransport implements StreamTransport {

    final StringBuilder written = new StringBuilder();
    boolean secure;
    boolean closed;
    int parserRestarts;

    @Override
    public void send(String xml) {
        written.append(xml);
    }

    @Override
    public void startTls() {
        secure = true;
        parserRestarts++;
    }

    @Override
    public void restartParser() {
        parserRestarts++;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.7";
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public boolean inConnectionThread() {
        return true;
    }

    @Override
    public void pauseReading() {
    }

    @Override
    public void resumeReading() {
    }
}
