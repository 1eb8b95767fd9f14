package org.switchboard.xmpp.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.switchboard.xmpp.stream.StreamTransport;

/** A transport that records what the stream writes, runs asynchronous work inline and keeps timers for the test to fire. */
final class RecordingTransport implements StreamTransport {

    final StringBuilder written = new StringBuilder();
    boolean secure;
    boolean closed;
    int parserRestarts;
    final List<Timer> timers = new ArrayList<>();

    /** A task the stream scheduled; the test fires it instead of waiting. */
    static final class Timer {
        final Runnable task;
        final Duration delay;
        boolean cancelled;

        Timer(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }

        void fire() {
            if (!cancelled) {
                task.run();
            }
        }
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(task, delay);
        timers.add(timer);
        return () -> timer.cancelled = true;
    }

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
